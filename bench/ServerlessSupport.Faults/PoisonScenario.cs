using System.Text.Json.Nodes;

namespace ServerlessSupport.Faults;

/// <summary>
/// A well-formed inbound pointer that always fails: it names a blob with a 1,100-character name, which the blob client
/// refuses (names are at most 1,024 characters) on every read, so ProcessInbound throws each time (not a 404, which
/// would be recorded as a missing payload and not retried). It must move to <c>inbound-poison</c> after 5
/// deliveries, where the InboundPoison function takes it off the queue, keeps it in quarantine as <c>poison/{id}.json</c>
/// and records it in IntakeRecords (what agents see); the traffic around it must flow.
/// </summary>
internal static class PoisonScenario
{
    public static async Task<Verdict> RunAsync()
    {
        await using var world = await FaultWorld.StartAsync("poison", proxied: false);
        var app = await world.StartAppAsync();
        var traffic = new Traffic();
        var run = traffic.RunAsync([app], 10, TimeSpan.FromSeconds(30));

        var inbound = world.Storage.Queue("inbound");
        await inbound.CreateIfNotExistsAsync();
        var blob = "poison/" + new string('x', 1_100);
        var pointer = new JsonObject
        {
            ["blob"] = blob,
            ["format"] = "json",
            ["contentType"] = "application/json",
            ["receivedAt"] = TimeProvider.System.GetUtcNow().ToString("O"),
        };
        await inbound.SendMessageAsync(pointer.ToJsonString());
        Report.Line("poison pointer queued (blob name over the 1,024-character limit)");

        await run;
        var poisonQueue = world.Storage.Queue("inbound-poison");
        var records = world.Storage.Table("IntakeRecords");
        var quarantine = world.Storage.Container("quarantine");
        var deadline = TimeProvider.System.GetUtcNow().AddMinutes(3);
        int poisoned = 0;
        int kept = 0;
        List<(string Kind, string Reason)> recorded = [];
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            poisoned = await Exists(poisonQueue) ? (await poisonQueue.PeekMessagesAsync(32)).Value.Length : 0;
            recorded = [];
            await foreach (var row in records.QueryAsync<Azure.Data.Tables.TableEntity>("Kind eq 'poison'", select: ["Kind", "Reason"]))
            {
                recorded.Add((row.GetString("Kind") ?? "", row.GetString("Reason") ?? ""));
            }

            kept = 0;
            if (await quarantine.ExistsAsync())
            {
                await foreach (var _ in quarantine.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "poison/", CancellationToken.None))
                {
                    kept++;
                }
            }

            if (poisoned == 0 && kept > 0 && recorded.Count > 0)
            {
                break;
            }

            await Task.Delay(1000);
        }

        Report.Line($"inbound-poison messages={poisoned} kept in quarantine={kept} poison records={recorded.Count}: {recorded.Select(r => r.Reason).FirstOrDefault() ?? "-"}");
        await world.Invariant.WaitForAcksAsync(traffic.Accepted.Keys, TimeSpan.FromMinutes(2), Report.Line);
        var verdict = await world.Invariant.CheckAsync("poison", traffic.Accepted.Keys, []);
        if (poisoned != 0 || kept != 1)
        {
            verdict.Failures.Add($"{poisoned} message(s) left in inbound-poison and {kept} kept in quarantine, expected 0 and 1 (InboundPoison takes it off the queue)");
        }

        if (recorded.Count != 1 || !recorded[0].Reason.Contains("moved to inbound-poison", StringComparison.Ordinal))
        {
            verdict.Failures.Add($"{recorded.Count} poison record(s), expected 1 saying it moved to inbound-poison");
        }

        if ((await inbound.GetPropertiesAsync()).Value.ApproximateMessagesCount != 0)
        {
            verdict.Failures.Add("inbound still holds messages");
        }

        return verdict;
    }

    private static async Task<bool> Exists(Azure.Storage.Queues.QueueClient queue) => await queue.ExistsAsync();
}
