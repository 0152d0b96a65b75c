namespace ServerlessSupport.Faults;

/// <summary>
/// SendGrid answers 500 for <c>minutes</c>, then 429 with an X-RateLimit-Reset 30 s ahead, then 202. Mail must wait and
/// go out afterwards, once each, without a retry storm: requests per minute during the outage and per email are printed.
/// Dispatch backoff is 5 s doubling to 60 s (the shipped 15 s → 10 min would make a 5-minute outage wait up to 10 more).
/// </summary>
internal static class SendGridDownScenario
{
    public const int MaxAttemptsPerEmail = 25;

    public static async Task<Verdict> RunAsync(double minutes)
    {
        await using var world = await FaultWorld.StartAsync("sendgrid-down", proxied: false, new Dictionary<string, string>
        {
            ["Dispatch__FirstRetryDelay"] = "00:00:05",
            ["Dispatch__MaxRetryDelay"] = "00:01:00",
        });
        var app = await world.StartAppAsync();
        var traffic = new Traffic();

        var outageStart = TimeProvider.System.GetUtcNow();
        world.SendGrid.AlwaysFail(500);
        Report.Line($"SendGrid answers 500 for {Report.F(minutes)} min; 5 emails/s for the first 30 s");
        await traffic.RunAsync([app], 5, TimeSpan.FromSeconds(30));
        var remaining = outageStart + TimeSpan.FromMinutes(minutes) - TimeProvider.System.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        var limitedFrom = TimeProvider.System.GetUtcNow();
        var resetAt = limitedFrom.AddSeconds(30);
        world.SendGrid.RateLimit(resetAt);
        world.SendGrid.Respond = null;
        Report.Line($"SendGrid answers 429 with X-RateLimit-Reset {resetAt:HH:mm:ss}, then 202");

        await world.Invariant.WaitForAcksAsync(traffic.Accepted.Keys, TimeSpan.FromMinutes(5), Report.Line);
        var requests = world.SendGrid.Requests;
        var perMinute = requests.Where(r => r.ReceivedAt < limitedFrom)
            .GroupBy(r => (int)((r.ReceivedAt - outageStart).TotalMinutes))
            .OrderBy(g => g.Key)
            .Select(g => $"m{g.Key}={g.Count()}");
        Report.Line($"SendGrid requests per minute during the 500 outage: {string.Join(' ', perMinute)}");
        var during429 = requests.Count(r => r.ReceivedAt >= limitedFrom && r.ReceivedAt < resetAt);
        var early = requests.Count(r => r.Answer?.Status == 429);
        Report.Line($"requests while rate-limited: {during429} (answered 429: {early}); after reset: {requests.Count(r => r.ReceivedAt >= resetAt)}");

        var perEmail = requests.GroupBy(r => (r.CustomArg("ticket"), r.CustomArg("outbox"))).Select(g => g.Count()).ToList();
        Report.Line($"requests per email: mean={Report.F(perEmail.DefaultIfEmpty().Average())} max={perEmail.DefaultIfEmpty().Max()} total={requests.Count} emails={perEmail.Count}");

        var verdict = await world.Invariant.CheckAsync("sendgrid-down", traffic.Accepted.Keys, []);
        if (perEmail.DefaultIfEmpty().Max() > MaxAttemptsPerEmail)
        {
            verdict.Failures.Add($"retry storm: one email was tried {perEmail.Max()} times");
        }

        if (requests.Any(r => r.Answer?.Status == 202 && r.ReceivedAt < limitedFrom))
        {
            verdict.Failures.Add("a 202 during the outage (scripting error)");
        }

        return verdict;
    }
}
