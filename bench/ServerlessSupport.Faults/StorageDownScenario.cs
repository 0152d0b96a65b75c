namespace ServerlessSupport.Faults;

/// <summary>
/// Steady webhook traffic while all three storage endpoints reset every connection for a while (blackhole proxies;
/// Azurite keeps its state). Every post not accepted must get an answer the sender retries: a 503 from the app, or — on
/// the real host, which shuts itself down when its queue listener cannot reach storage and is restarted — no answer
/// while it restarts. The workers must back off (bounded polls per second), and everything accepted before and after must
/// be processed.
/// </summary>
internal static class StorageDownScenario
{
    public static async Task<Verdict> RunAsync(int downSeconds, double rate)
    {
        await using var world = await FaultWorld.StartAsync("storage-down", proxied: true);
        var app = await world.StartAppAsync();
        var traffic = new Traffic();
        var lead = TimeSpan.FromSeconds(30);
        var run = traffic.RunAsync([app], rate, lead + TimeSpan.FromSeconds(downSeconds) + lead);

        await Task.Delay(lead);
        var downAt = TimeProvider.System.GetUtcNow();
        Report.Line($"storage down (every connection reset) for {downSeconds} s");
        foreach (var proxy in world.Proxies)
        {
            proxy.Down = true;
        }

        await Task.Delay(TimeSpan.FromSeconds(downSeconds));
        var upAt = TimeProvider.System.GetUtcNow();
        foreach (var proxy in world.Proxies)
        {
            proxy.Down = false;
        }

        Report.Line("storage back");
        await run;
        var refusedWhileDown = traffic.Count(503);
        var unreachable = traffic.Count(0);
        var otherRefusals = traffic.RefusedTotal - refusedWhileDown - unreachable;
        Report.Line($"webhook: sent={traffic.Sent} accepted={traffic.Accepted.Count} answered_503={refusedWhileDown} unreachable={unreachable} other_refusals={otherRefusals} ({string.Join(' ', traffic.Refused.Select(r => $"{r.Key}:{r.Value}"))}); app exits={app.Exits} starts={app.Starts}");

        // Polls are the workers' own traffic; the webhook's writes and in-flight messages' retries are counted apart.
        var polls = world.Proxies[1].PollsPerSecond(downAt.AddSeconds(5), upAt);
        var queueAttempts = world.Proxies[1].AttemptsPerSecond(downAt.AddSeconds(5), upAt);
        var tableAttempts = world.Proxies[2].AttemptsPerSecond(downAt.AddSeconds(5), upAt);
        Report.Line($"worker polls/s while down (after the first 5 s): max={polls.DefaultIfEmpty().Max()} mean={Report.F(polls.DefaultIfEmpty().Average())} total={polls.Sum()}");
        Report.Line($"all queue connection attempts/s while down (webhook writes included): max={queueAttempts.DefaultIfEmpty().Max()} mean={Report.F(queueAttempts.DefaultIfEmpty().Average())}");
        Report.Line($"table connection attempts/s while down: max={tableAttempts.DefaultIfEmpty().Max()} mean={Report.F(tableAttempts.DefaultIfEmpty().Average())}");

        await world.Invariant.WaitForAcksAsync(traffic.Accepted.Keys, TimeSpan.FromMinutes(4), Report.Line);
        var verdict = await world.Invariant.CheckAsync("storage-down", traffic.Accepted.Keys, []);
        if (refusedWhileDown + unreachable == 0)
        {
            verdict.Failures.Add("no post was refused while storage was down");
        }

        if (otherRefusals > 0)
        {
            verdict.Failures.Add($"{otherRefusals} posts got an answer other than 2xx or 503");
        }

        // The standalone host stays up through a storage outage and answers 503 itself.
        if (FaultWorld.Host == Testing.Hosts.HostKind.Standalone && (unreachable > 0 || refusedWhileDown == 0))
        {
            verdict.Failures.Add($"the standalone host was unreachable for {unreachable} posts or never answered 503");
        }

        // Two listeners polling with a 1 s → 60 s backoff (each poll retried by the pipeline) make a few polls a second.
        if (polls.DefaultIfEmpty().Max() > 20)
        {
            verdict.Failures.Add($"workers did not back off: {polls.Max()} polls in one second");
        }

        return verdict;
    }
}
