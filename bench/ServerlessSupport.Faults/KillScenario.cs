namespace ServerlessSupport.Faults;

/// <summary>
/// Steady traffic while the app is SIGKILLed at random moments and restarted each time. Messages a dead instance held
/// reappear when their lease runs out (<see cref="FaultWorld.MessageLease"/>: 10 minutes on the real host), outbox claims
/// when their claim (20 s here) does; nothing accepted may be lost or doubled, and an acknowledgment may go out twice only
/// when a kill fell between its send and its mark.
/// </summary>
internal static class KillScenario
{
    public static async Task<Verdict> RunAsync(int kills, double rate)
    {
        await using var world = await FaultWorld.StartAsync("kill", proxied: false, new Dictionary<string, string>
        {
            ["Dispatch__ClaimDuration"] = "00:00:20",
        });
        var app = await world.StartAppAsync();
        var traffic = new Traffic();
        using var stopTraffic = new CancellationTokenSource();
        var run = traffic.RunAsync([app], rate, TimeSpan.FromHours(1), stopTraffic.Token);
        var killTimes = new List<DateTimeOffset>();
        var random = new Random();

        for (var i = 0; i < kills; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_500, 7_000)));
            await app.KillAsync();
            killTimes.Add(TimeProvider.System.GetUtcNow());
            await app.StartAsync();
            if ((i + 1) % 5 == 0)
            {
                Report.Line($"kill {i + 1}/{kills}: accepted so far {traffic.Accepted.Count}, refused while down {traffic.RefusedTotal}");
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        await stopTraffic.CancelAsync();
        await run;
        Report.Line($"traffic stopped: sent={traffic.Sent} accepted={traffic.Accepted.Count} refused_or_reset={traffic.RefusedTotal} kills={killTimes.Count} starts={app.Starts}");

        await world.Invariant.WaitForAcksAsync(traffic.Accepted.Keys, FaultWorld.MessageLease + TimeSpan.FromMinutes(4), Report.Line);
        var verdict = await world.Invariant.CheckAsync("kill", traffic.Accepted.Keys, killTimes);
        if (killTimes.Count < kills)
        {
            verdict.Failures.Add($"only {killTimes.Count} kills");
        }

        return verdict;
    }
}
