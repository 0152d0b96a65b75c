using System.Text.Json;
using Azure.Storage.Queues;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Telemetry;

namespace ServerlessSupport.Storage.Queues;

/// <summary>Queue <c>inbound</c>: a payload inline or a pointer to its blob (<see cref="InboundQueueMessage"/>) with the webhook's trace context; it never expires.</summary>
internal sealed class QueueInboundQueue(QueueClient queue) : IInboundQueue
{
    public async Task EnqueueAsync(InboundQueueMessage pointer, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(JsonSerializer.Serialize(pointer with { Trace = TraceCarrier.FromCurrent() }, CoreJsonContext.Default.InboundQueueMessage), null, QueueTimeToLive.Never, cancellationToken);
}
