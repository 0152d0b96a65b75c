using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Queues;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class QueueAdapterTests(AzuriteFixture fixture)
{
    /// <summary>The queue as the wire has it: no decoding, so the test sees what the Functions host would read.</summary>
    private QueueClient Raw(QueueClient queue) =>
        new QueueServiceClient(fixture.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }).GetQueueClient(queue.Name);

    [Fact]
    public async Task DispatchEnqueueAsync_NoDelay_Base64JsonThatNeverExpires()
    {
        var queue = await fixture.NewQueueAsync("out");
        var ticket = TicketId.New();

        await new QueueDispatchQueue(queue).EnqueueAsync(ticket, 3, null, default);

        var wire = Assert.Single((await Raw(queue).PeekMessagesAsync(10)).Value);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(wire.Body.ToString()));
        Assert.Equal(new DispatchRequest(ticket.ToString(), 3), JsonSerializer.Deserialize(json, CoreJsonContext.Default.DispatchRequest));
        Assert.True(wire.ExpiresOn > wire.InsertedOn!.Value.AddYears(100), $"expires {wire.ExpiresOn}");
    }

    [Fact]
    public async Task DispatchEnqueueAsync_DelayBeyondSevenDays_IsCappedAndHidden()
    {
        var queue = await fixture.NewQueueAsync("out");

        await new QueueDispatchQueue(queue).EnqueueAsync(TicketId.New(), 1, TimeSpan.FromDays(30), default);
        await new QueueDispatchQueue(queue).EnqueueAsync(TicketId.New(), 2, TimeSpan.FromMinutes(5), default);

        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
        Assert.Equal(2, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task InboundEnqueueAsync_Pointer_RoundTripsThroughTheAppsClient()
    {
        var queue = await fixture.NewQueueAsync("in");
        var pointer = new InboundQueueMessage("2026/p", InboundQueueMessage.JsonFormat, "application/json", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)).WithInline("{\"from\":\"ü\"}"u8)!;

        await new QueueInboundQueue(queue).EnqueueAsync(pointer, default);

        var message = Assert.Single((await queue.ReceiveMessagesAsync(10)).Value);
        Assert.Equal(pointer, JsonSerializer.Deserialize(message.Body.ToString(), CoreJsonContext.Default.InboundQueueMessage));
    }
}
