using System.Globalization;

namespace ServerlessSupport.Faults;

/// <summary>
/// Sustained load (default 100 emails/s for 10 minutes), then a burst (2,000 emails in 10 s). Prints acknowledgment latency
/// (webhook 2xx → SendGrid received the acknowledgment) p50/p99/max per phase, queue depths every 10 s and the app's RSS at
/// start, peak and end.
/// </summary>
internal static class LoadScenario
{
    public static async Task<Verdict> RunAsync(double rate, TimeSpan sustained, int burst, TimeSpan burstWindow, string name)
    {
        await using var world = await FaultWorld.StartAsync(name, proxied: false);
        var app = await world.StartAppAsync();
        var rssStart = app.RssMiB();
        var rssPeak = rssStart;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                try
                {
                    var rss = app.RssMiB();
                    rssPeak = Math.Max(rssPeak, rss);
                    var inbound = await world.QueueDepthAsync("inbound");
                    var outbound = await world.QueueDepthAsync("outbound");
                    Report.Line(string.Create(CultureInfo.InvariantCulture, $"  depth inbound={inbound} outbound={outbound} rss={rss:0}MiB"));
                }
                catch (Azure.RequestFailedException)
                {
                    // Queues not created yet.
                }

                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        var steady = new Traffic();
        Report.Line($"sustained: {Report.F(rate)} emails/s for {Report.F(sustained.TotalSeconds)} s; RSS at start {rssStart:0} MiB");
        await steady.RunAsync([app], rate, sustained);
        Report.Line($"sustained sent={steady.Sent} accepted={steady.Accepted.Count} refused={steady.RefusedTotal} (by status, 0 = client timeout/reset: {string.Join(' ', steady.Refused.Select(r => $"{r.Key}:{r.Value}"))})");
        await world.Invariant.WaitForAcksAsync(steady.Accepted.Keys, TimeSpan.FromMinutes(10), Report.Line);
        PrintLatency(world, "sustained", steady);

        var spike = new Traffic();
        Report.Line($"burst: {burst} emails in {Report.F(burstWindow.TotalSeconds)} s");
        await spike.RunAsync([app], burst / burstWindow.TotalSeconds, burstWindow);
        Report.Line($"burst sent={spike.Sent} accepted={spike.Accepted.Count} refused={spike.RefusedTotal}");
        await world.Invariant.WaitForAcksAsync(spike.Accepted.Keys, TimeSpan.FromMinutes(5), Report.Line);
        PrintLatency(world, "burst", spike);

        await sampling.CancelAsync();
        await sampler;
        var rssEnd = app.RssMiB();
        Report.Line(string.Create(CultureInfo.InvariantCulture, $"rss_mib start={rssStart:0} peak={Math.Max(rssPeak, rssEnd):0} end={rssEnd:0}"));

        var all = steady.Accepted.Keys.Concat(spike.Accepted.Keys).ToList();
        var verdict = await world.Invariant.CheckAsync(name, all, []);
        if (steady.RefusedTotal + spike.RefusedTotal > 0)
        {
            verdict.Failures.Add($"{steady.RefusedTotal + spike.RefusedTotal} emails refused with storage up");
        }

        return verdict;
    }

    private static void PrintLatency(FaultWorld world, string phase, Traffic traffic)
    {
        var firstAck = world.Invariant.SentRequests()
            .Where(r => r.CustomArg("kind") == "ack")
            .GroupBy(r => Invariant.Normalize(r.MailHeader("In-Reply-To") ?? string.Empty))
            .ToDictionary(g => g.Key, g => g.Min(r => r.ReceivedAt), StringComparer.Ordinal);
        var latencies = traffic.Accepted
            .Select(a => firstAck.TryGetValue(Invariant.Normalize(a.Key), out var at) ? Math.Max(0, (at - a.Value).TotalMilliseconds) : (double?)null)
            .OfType<double>()
            .Order()
            .ToList();
        Report.Line(string.Create(CultureInfo.InvariantCulture, $"{phase} ack_latency_ms p50={Report.Percentile(latencies, 50):0} p99={Report.Percentile(latencies, 99):0} max={(latencies.Count == 0 ? 0 : latencies[^1]):0} (n={latencies.Count})"));
    }
}
