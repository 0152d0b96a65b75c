using System.Net;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>
/// Compares what one case changed (two snapshots) with its expectations and words every mismatch for a person:
/// which expectation, what was expected, what was found.
/// </summary>
internal sealed class CorpusVerdict(
    CorpusCase corpusCase,
    PipelineHost host,
    CorpusSnapshot before,
    CorpusSnapshot after,
    IReadOnlyList<HttpStatusCode> statuses,
    Func<string, string> resolve,
    Func<string, TicketId?> ticketOf)
{
    private readonly List<string> _failures = [];

    public async Task<CorpusCaseResult> JudgeAsync(CancellationToken ct)
    {
        foreach (var status in statuses)
        {
            Check("status", Expect.Status, (int)status);
        }

        var newTickets = after.NewTickets(before);
        var grown = after.GrownTickets(before);
        var records = after.NewRecords(before);
        var requests = after.NewRequests(before).Where(r => r.Path == FakeSendGridServer.MailSendPath).ToList();

        Ticket? ticket = null;
        TicketMessage? message = null;
        IntakeRecord? record = null;
        switch (Expect.Outcome)
        {
            case CorpusFormats.NewTicket:
                Count("new tickets", 1, newTickets.Count, newTickets.Select(t => t.Id.Value));
                Count("tickets that gained a message", 0, grown.Count, grown.Select(t => t.Id.Value));
                Count("intake records", 0, records.Count, records.Select(Describe));
                ticket = newTickets.Count == 1 ? newTickets[0] : null;
                break;

            case CorpusFormats.Threaded or CorpusFormats.AutomaticThreaded:
                Count("new tickets", 0, newTickets.Count, newTickets.Select(t => t.Id.Value));
                Count("tickets that gained a message", 1, grown.Count, grown.Select(t => t.Id.Value));
                Count("intake records", 0, records.Count, records.Select(Describe));
                var target = Expect.ThreadsTo is { } to ? ticketOf(to) : null;
                ticket = grown.Count == 1 ? grown[0] : null;
                Check($"thread target (ticket of {Expect.ThreadsTo})", target?.Value, ticket?.Id.Value);
                break;

            case CorpusFormats.AutomaticUnthreaded or CorpusFormats.Quarantined:
                var kind = Expect.Outcome == CorpusFormats.Quarantined ? IntakeRecord.Quarantined : IntakeRecord.AutomaticUnthreaded;
                Count("new tickets", 0, newTickets.Count, newTickets.Select(t => t.Id.Value));
                Count("tickets that gained a message", 0, grown.Count, grown.Select(t => t.Id.Value));
                Count("intake records", 1, records.Count, records.Select(Describe));
                record = records.Count == 1 ? records[0] : null;
                Check("intake record kind", kind, record?.Kind);
                break;

            case CorpusFormats.Duplicate or CorpusFormats.Rejected:
                Count("new tickets", 0, newTickets.Count, newTickets.Select(t => t.Id.Value));
                Count("tickets that gained a message", 0, grown.Count, grown.Select(t => t.Id.Value));
                Count("intake records", 0, records.Count, records.Select(Describe));
                break;

            default:
                _failures.Add($"outcome: unknown outcome '{Expect.Outcome}'");
                break;
        }

        if (ticket is not null)
        {
            var messages = await host.GetMessagesAsync(ticket.Id, ct);
            message = messages.MaxBy(m => m.Sequence);
            CheckMessage(ticket, message);
            if (Expect.Event is { } eventKind)
            {
                var events = await host.GetEventsAsync(ticket.Id, ct);
                Check("event", eventKind, events.Select(e => e.Kind).FirstOrDefault(k => k == eventKind) ?? string.Join(", ", events.Select(e => e.Kind)));
            }
        }

        CheckKind(message, record);
        var ackMessageId = CheckAck(ticket, requests);
        return new CorpusCaseResult(
            corpusCase.Name,
            Expect.Outcome == CorpusFormats.NewTicket ? ticket?.Id : null,
            Expect.Outcome == CorpusFormats.NewTicket ? message?.MessageId : null,
            ackMessageId,
            _failures)
        {
            Fingerprint = new CorpusFingerprint(
                Expect.Outcome,
                WithoutTicketId(message?.Subject, ticket),
                ticket?.Customer.Address,
                ticket?.Customer.Name,
                ticket?.Priority.ToString(),
                WithoutTicketId(message?.DisplayText, ticket),
                WithoutTicketId(message?.FullText, ticket),
                string.Join("; ", message?.Attachments.Select(a => $"{a.FileName} ({a.ContentType}, {a.Length} bytes, cid {a.ContentId ?? "none"})") ?? []),
                (message?.AutomaticReason ?? (record?.Kind == IntakeRecord.AutomaticUnthreaded ? record.Reason : null))?.Split(':')[0],
                record?.Kind,
                requests.Count),
        };
    }

    private void CheckMessage(Ticket ticket, TicketMessage? message)
    {
        if (message is null)
        {
            _failures.Add($"message: ticket {ticket.Id} has no messages");
            return;
        }

        if (Expect.Outcome == CorpusFormats.NewTicket && ticket.MessageCount != 1)
        {
            _failures.Add($"message count: expected 1 on the new ticket, found {ticket.MessageCount}");
        }

        var automatic = Expect.Outcome == CorpusFormats.AutomaticThreaded;
        if (automatic != (message.AutomaticReason is not null))
        {
            _failures.Add($"automatic: expected the message to be {(automatic ? "automatic" : "a person's")}, found AutomaticReason={message.AutomaticReason ?? "null"}");
        }

        if (Expect.Subject is { } subject)
        {
            Check("subject", resolve(subject), message.Subject);
        }

        if (Expect.SubjectNotContains is { } notInSubject)
        {
            NotContains("subject (message)", message.Subject, resolve(notInSubject));
            NotContains("subject (ticket)", ticket.Subject, resolve(notInSubject));
        }

        if (Expect.DisplayTextContains is { } shown)
        {
            Contains("displayText", message.DisplayText, resolve(shown));
        }

        if (Expect.DisplayTextNotContains is { } hidden)
        {
            NotContains("displayText", message.DisplayText, resolve(hidden));
        }

        if (Expect.FullTextContains is { } full)
        {
            Contains("fullText", message.FullText, resolve(full));
        }

        if (Expect.Attachments is { } attachments)
        {
            Check("attachments", attachments, message.Attachments.Count);
        }

        if (Expect.AttachmentNames is { } names)
        {
            Check("attachment names", string.Join(" | ", names), string.Join(" | ", message.Attachments.Select(a => a.FileName)));
        }

        if (Expect.Priority is { } priority)
        {
            Check("priority", priority.ToUpperInvariant(), ticket.Priority.ToString().ToUpperInvariant());
        }

        if (Expect.Customer is { } customer)
        {
            Check("customer address", resolve(customer).ToUpperInvariant(), ticket.Customer.Address.ToUpperInvariant());
        }

        if (Expect.CustomerName is { } customerName)
        {
            Check("customer name", resolve(customerName), ticket.Customer.Name);
        }
    }

    // The stored reason reads "Kind: why", on the message for threaded mail and on the intake record otherwise.
    private void CheckKind(TicketMessage? message, IntakeRecord? record)
    {
        if (Expect.MailKind is not { } kind)
        {
            return;
        }

        if (kind == "Human")
        {
            if (message?.AutomaticReason is { } reason)
            {
                _failures.Add($"mailKind: expected Human, found \"{reason}\"");
            }

            return;
        }

        var found = message?.AutomaticReason ?? record?.Reason;
        if (found is null || !found.StartsWith(kind + ":", StringComparison.Ordinal))
        {
            _failures.Add($"mailKind: expected {kind}, found \"{found ?? "(no automatic reason recorded)"}\"");
        }
    }

    private string? CheckAck(Ticket? ticket, IReadOnlyList<FakeSendGridRequest> requests)
    {
        if (!Expect.Ack)
        {
            Count("emails sent", 0, requests.Count, requests.Select(r => $"to {string.Join(",", r.To)}: {r.Subject}"));
            return null;
        }

        Count("acknowledgments sent", 1, requests.Count, requests.Select(r => $"to {string.Join(",", r.To)}: {r.Subject}"));
        if (requests.Count != 1)
        {
            return null;
        }

        var ack = requests[0];
        if (ticket is not null)
        {
            Check("acknowledgment ticket (custom_args.ticket)", ticket.Id.Value, ack.CustomArg("ticket"));
            Contains("acknowledgment subject", ack.Subject ?? string.Empty, $"[#{ticket.Id}]");
            if (!ack.To.Contains(ticket.Customer.Address, StringComparer.OrdinalIgnoreCase))
            {
                _failures.Add($"acknowledgment recipient: expected {ticket.Customer.Address}, found {string.Join(", ", ack.To)}");
            }
        }

        if (ack.Subject is { } s && (s.Contains('\r', StringComparison.Ordinal) || s.Contains('\n', StringComparison.Ordinal)))
        {
            _failures.Add($"acknowledgment subject: contains CR/LF: \"{s}\"");
        }

        Check("acknowledgment Auto-Submitted header", "auto-replied", ack.MailHeader("Auto-Submitted"));
        var messageId = ack.MailHeader("Message-ID");
        if (messageId is null)
        {
            _failures.Add("acknowledgment Message-ID: missing from the mail headers");
        }

        return messageId;
    }

    private void Check<T>(string what, T expected, T found)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, found))
        {
            _failures.Add($"{what}: expected {Quote(expected)}, found {Quote(found)}");
        }
    }

    private void Count(string what, int expected, int found, IEnumerable<string> items)
    {
        if (expected != found)
        {
            _failures.Add($"{what}: expected {expected}, found {found} [{string.Join("; ", items)}]");
        }
    }

    private void Contains(string what, string text, string part)
    {
        if (!text.Contains(part, StringComparison.Ordinal))
        {
            _failures.Add($"{what}: expected to contain \"{part}\", found \"{Short(text)}\"");
        }
    }

    private void NotContains(string what, string text, string part)
    {
        if (text.Contains(part, StringComparison.Ordinal))
        {
            _failures.Add($"{what}: expected not to contain \"{part}\", found \"{Short(text)}\"");
        }
    }

    private CorpusExpectation Expect => corpusCase.Expect;

    // Ticket ids are drawn at random per pipeline: a twin's reply quotes its own.
    private static string? WithoutTicketId(string? text, Ticket? ticket) =>
        text is null || ticket is null ? text : text.Replace(ticket.Id.Value, "{ticket}", StringComparison.Ordinal);

    private static string Describe(IntakeRecord record) => $"{record.Kind}: {record.Reason}";

    private static string Quote<T>(T value) => value is null ? "(none)" : $"\"{value}\"";

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
