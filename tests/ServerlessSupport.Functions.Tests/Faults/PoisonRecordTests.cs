using System.Text.Json.Nodes;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Faults;

/// <summary>
/// An inbound pointer that fails on every delivery moves to <c>inbound-poison</c>, where the InboundPoison function keeps the
/// message in quarantine and records it in IntakeRecords, where agents look.
/// </summary>
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
        await inbound.SendMessageAsync(pointer.ToJsonString());

        IntakeRecord? record = null;
        for (var i = 0; i < 300 && record is null; i++)
        {
            await Task.Delay(100);
            record = (await host.GetIntakeRecordsAsync()).FirstOrDefault(r => r.Kind == IntakeRecord.Poison);
        }

        Assert.NotNull(record);
        Assert.StartsWith("poison_", record.Id, StringComparison.Ordinal);
        Assert.Contains("moved to inbound-poison", record.Reason, StringComparison.Ordinal);
        Assert.Contains("payload in blob xxx", record.Reason, StringComparison.Ordinal);

        // The poison message itself is kept in quarantine, and the poison queue is drained by its function.
        var kept = await clients.Container(StorageNames.QuarantineContainer).GetBlobClient(record.Blob).DownloadContentAsync();
        Assert.Equal(pointer.ToJsonString(), kept.Value.Content.ToString());
        await host.WaitForIdleAsync();
        await Eventually.TrueAsync(async () => (await clients.Queue(QueueNames.Inbound + StorageNames.PoisonSuffix).PeekAllAsync()).Length == 0, "inbound-poison drained");
        Assert.Single(await host.GetIntakeRecordsAsync(), r => r.Kind == IntakeRecord.Poison);
    }

    [Fact]
    public async Task OutboundPoison_MessageArrives_RecordedWithTheEmailItNames()
    {
        await using var host = await PipelineHost.StartAsync(fixture);
        var poison = host.Services.GetRequiredService<StorageClients>().Queue(QueueNames.Outbound + StorageNames.PoisonSuffix);
        await poison.CreateIfNotExistsAsync();

        await poison.SendMessageAsync("""{"ticket":"K7M2QX9P","outbox":3}""");

        IntakeRecord? record = null;
        for (var i = 0; i < 300 && record is null; i++)
        {
            await Task.Delay(100);
            record = (await host.GetIntakeRecordsAsync()).FirstOrDefault(r => r.Kind == IntakeRecord.Poison);
        }

        Assert.NotNull(record);
        Assert.Contains("email K7M2QX9P/out-000003", record.Reason, StringComparison.Ordinal);
        Assert.Equal("[#K7M2QX9P]", record.Subject);
    }
}
