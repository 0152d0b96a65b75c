using System.Text.Json.Nodes;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Faults;

/// <summary>An inbound pointer that fails on every delivery ends in <c>inbound-poison</c> and in IntakeRecords, where agents look.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PoisonRecordTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task ProcessInbound_PointerFailsEveryTime_MovedToPoisonAndRecorded()
    {
        await using var host = await PipelineHost.StartAsync(fixture);
        var clients = host.Services.GetRequiredService<StorageClients>();
        var inbound = clients.Queue(QueueNames.Inbound);
        await inbound.CreateIfNotExistsAsync();

        // A blob name over the 1,024-character limit: the read throws every time (a 404 would be recorded, not retried).
        var pointer = new JsonObject { ["blob"] = new string('x', 1_100), ["format"] = "json", ["contentType"] = "application/json", ["receivedAt"] = "2026-01-05T10:00:00Z" };
        var sent = (await inbound.SendMessageAsync(pointer.ToJsonString())).Value;

        IntakeRecord? record = null;
        for (var i = 0; i < 300 && record is null; i++)
        {
            await Task.Delay(100);
            record = (await host.GetIntakeRecordsAsync()).FirstOrDefault(r => r.Kind == IntakeRecord.Poison);
        }

        Assert.NotNull(record);
        Assert.Equal("poison_" + sent.MessageId, record.Id);
        Assert.Contains("after 5 deliveries", record.Reason, StringComparison.Ordinal);
        Assert.Null(record.Blob);
        await host.WaitForIdleAsync();
        Assert.Single(await clients.Queue(QueueNames.Inbound + StorageNames.PoisonSuffix).PeekAllAsync());
    }
}
