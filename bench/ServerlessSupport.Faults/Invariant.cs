using Azure.Data.Tables;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Faults;

/// <summary>
/// The check every scenario ends with, read straight from Azurite (not through the app) and from what the SendGrid server
/// received: every accepted Message-ID is claimed in MessageIds, recorded as a message row on exactly one ticket whose
/// ticket row exists, and acknowledged exactly once (an extra send only counts as resent_after_crash when a kill fell
/// between the two sends). Every ticket row has its message rows.
/// </summary>
internal sealed class Invariant(StorageClients storage, FakeSendGridServer sendGrid)
{
    public static string Normalize(string messageId) => messageId.Trim().Trim('<', '>').ToLowerInvariant();

    /// <summary>Accepted emails whose acknowledgment has been received (202).</summary>
    public int AckedCount(ICollection<string> accepted)
    {
        var acked = AckRequests().Select(r => Normalize(r.MailHeader("In-Reply-To") ?? string.Empty)).ToHashSet(StringComparer.Ordinal);
        return accepted.Count(id => acked.Contains(Normalize(id)));
    }

    /// <summary>Waits (real time) until every accepted email is acknowledged or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForAcksAsync(ICollection<string> accepted, TimeSpan timeout, Action<string>? progress = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        var lastPrint = DateTimeOffset.MinValue;
        while (true)
        {
            var acked = AckedCount(accepted);
            var now = TimeProvider.System.GetUtcNow();
            if (acked >= accepted.Count || now > deadline)
            {
                progress?.Invoke($"  acknowledged {acked}/{accepted.Count}");
                return;
            }

            if (now - lastPrint > TimeSpan.FromSeconds(15))
            {
                progress?.Invoke($"  waiting: acknowledged {acked}/{accepted.Count}");
                lastPrint = now;
            }

            await Task.Delay(1000);
        }
    }

    public async Task<Verdict> CheckAsync(string scenario, ICollection<string> accepted, IReadOnlyList<DateTimeOffset> kills)
    {
        var claims = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in storage.Table(StorageNames.MessageIds).QueryAsync<TableEntity>(filter: (string?)null, select: ["MessageId", "Ticket"]))
        {
            Add(claims, Normalize(row.GetString("MessageId") ?? string.Empty), row.GetString("Ticket") ?? string.Empty);
        }

        var ticketRows = new HashSet<string>(StringComparer.Ordinal);
        var ticketsWithMessages = new HashSet<string>(StringComparer.Ordinal);
        var messageRows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in storage.Table(StorageNames.Tickets).QueryAsync<TableEntity>(filter: (string?)null, select: ["PartitionKey", "RowKey", "MessageId"]))
        {
            if (row.RowKey == "ticket")
            {
                ticketRows.Add(row.PartitionKey);
            }
            else if (row.RowKey.StartsWith("msg-", StringComparison.Ordinal))
            {
                ticketsWithMessages.Add(row.PartitionKey);
                Add(messageRows, Normalize(row.GetString("MessageId") ?? string.Empty), row.PartitionKey);
            }
        }

        // Sends of one outbox row: more than one 202 is a duplicate unless a kill fell between them.
        var sends = SentRequests().GroupBy(r => (r.CustomArg("ticket"), r.CustomArg("outbox"))).ToList();
        var resent = 0;
        var duplicateSends = 0;
        foreach (var group in sends.Where(g => g.Count() > 1))
        {
            var times = group.Select(r => r.ReceivedAt).Order().ToList();
            for (var i = 1; i < times.Count; i++)
            {
                if (kills.Any(k => k > times[i - 1] && k < times[i]))
                {
                    resent++;
                }
                else
                {
                    duplicateSends++;
                }
            }
        }

        var acksByMessage = AckRequests().GroupBy(r => Normalize(r.MailHeader("In-Reply-To") ?? string.Empty)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var tickets = new HashSet<string>(StringComparer.Ordinal);
        int lost = 0, duplicates = duplicateSends, acks = 0;
        foreach (var id in accepted.Select(Normalize))
        {
            var holders = messageRows.TryGetValue(id, out var h) ? h.Distinct().ToList() : [];
            var claimed = claims.TryGetValue(id, out var c) ? c : [];
            if (holders.Count == 0 || claimed.Count == 0 || !holders.All(ticketRows.Contains))
            {
                lost++;
                continue;
            }

            duplicates += holders.Count - 1;
            tickets.UnionWith(holders);
            var acked = acksByMessage.TryGetValue(id, out var list) ? list : [];
            acks += acked.Count;
            if (acked.Count == 0)
            {
                lost++;
            }

            // Two different outbox rows acknowledging one email would be a duplicate the per-row check cannot see.
            duplicates += Math.Max(0, acked.Select(r => (r.CustomArg("ticket"), r.CustomArg("outbox"))).Distinct().Count() - 1);
        }

        // An email whose queue message still waits is unfinished, not lost: each accepted email has one inbound message
        // until it is recorded and one outbound message until it is acknowledged. Counted apart; the scenario still fails.
        var waiting = 0;
        foreach (var queue in new[] { "inbound", "outbound" })
        {
            waiting += (await storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }

        var pending = Math.Min(lost, waiting);
        var halfWritten = ticketRows.Count(t => !ticketsWithMessages.Contains(t));
        return new Verdict(scenario, accepted.Count, tickets.Count, acks, duplicates, lost - pending, resent, halfWritten) { Pending = pending };
    }

    public IEnumerable<FakeSendGridRequest> SentRequests() => sendGrid.Requests.Where(r => r.Answer?.Status == 202);

    private IEnumerable<FakeSendGridRequest> AckRequests() => SentRequests().Where(r => r.CustomArg("kind") == "ack");

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
