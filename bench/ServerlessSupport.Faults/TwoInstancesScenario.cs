namespace ServerlessSupport.Faults;

/// <summary>
/// Two app processes on the same storage (same prefix and host id), both running the sweeps every 5 s, with a policy whose
/// first-response target is one minute, so every ticket's three escalation levels (75/100/150 %) fall due during the run.
/// Each level must fire exactly once per ticket, and every email (acknowledgment or escalation) must be sent once.
/// </summary>
internal static class TwoInstancesScenario
{
    private const int LevelsPerTicket = 3;

    public static async Task<Verdict> RunAsync()
    {
        await using var world = await FaultWorld.StartAsync("two-instances", proxied: false, new Dictionary<string, string>
        {
            ["Support__PolicyPath"] = Path.Combine(AppContext.BaseDirectory, "fault-policy.json"),
            ["Support__FollowUpSchedule"] = "*/5 * * * * *",
            ["Support__EscalationSchedule"] = "*/5 * * * * *",
        });
        var first = await world.StartAppAsync();
        var second = await world.StartAppAsync();
        var traffic = new Traffic();
        Report.Line("two instances; 5 emails/s for 20 s, alternating between them");
        await traffic.RunAsync([first, second], 5, TimeSpan.FromSeconds(20));
        await world.Invariant.WaitForAcksAsync(traffic.Accepted.Keys, TimeSpan.FromMinutes(2), Report.Line);

        // The last ticket's 150 % level is due 90 s after it opened; sweeps run every 5 s.
        var tickets = 0;
        Dictionary<string, int> fired = [];
        var deadline = TimeProvider.System.GetUtcNow().AddMinutes(4);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            (tickets, fired) = await EscalationsAsync(world);
            var done = fired.Values.Count(n => n >= 1);
            Report.Line($"  escalation levels fired: {done}/{tickets * LevelsPerTicket}");
            if (tickets > 0 && done >= tickets * LevelsPerTicket)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(10));
        }

        // Let any late double-fire and its email land before counting.
        await Task.Delay(TimeSpan.FromSeconds(15));
        (tickets, fired) = await EscalationsAsync(world);
        var doubled = fired.Values.Sum(n => n - 1);
        var missing = (tickets * LevelsPerTicket) - fired.Count;
        var escalationMails = world.Invariant.SentRequests().Count(r => r.CustomArg("kind") != "ack");
        Report.Line($"sweeps: tickets={tickets} escalation_levels={fired.Count} doubled={doubled} missing={missing} escalation_emails_sent={escalationMails}");

        var verdict = await world.Invariant.CheckAsync("two-instances", traffic.Accepted.Keys, []);
        if (doubled > 0)
        {
            verdict.Failures.Add($"{doubled} escalation level(s) fired twice");
        }

        if (missing > 0)
        {
            verdict.Failures.Add($"{missing} escalation level(s) never fired");
        }

        return verdict with { Duplicates = verdict.Duplicates + doubled };
    }

    /// <summary>Per (ticket, target, level): how many sla-escalated events the ticket holds.</summary>
    private static async Task<(int Tickets, Dictionary<string, int> Fired)> EscalationsAsync(FaultWorld world)
    {
        var tickets = 0;
        var fired = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in world.Storage.Table("Tickets").QueryAsync<Azure.Data.Tables.TableEntity>(filter: (string?)null, select: ["PartitionKey", "RowKey", "Kind", "Detail"]))
        {
            if (row.RowKey == "ticket")
            {
                tickets++;
            }
            else if (row.GetString("Kind") == "sla-escalated")
            {
                // "firstResponse 75% (reminder, level 1): …" — the part before the colon names the level.
                var detail = row.GetString("Detail") ?? string.Empty;
                var key = row.PartitionKey + " " + detail.Split(':')[0];
                fired[key] = fired.GetValueOrDefault(key) + 1;
            }
        }

        return (tickets, fired);
    }
}
