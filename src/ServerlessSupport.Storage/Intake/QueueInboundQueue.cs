using System.Text.Json;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Storage.Queues;

namespace ServerlessSupport.Storage.Intake;

/// <summary>Queue <c>inbound</c>: a small JSON pointer per stored payload; it never expires.</summary>
internal sealed class QueueInboundQueue(StorageQueueClient queue) : IInboundQueue
{
    public Task EnqueueAsync(InboundPointer pointer, CancellationToken cancellationToken) =>
        queue.SendAsync(JsonSerializer.Serialize(pointer, CoreJsonContext.Default.InboundPointer), null, TimeSpan.MaxValue, cancellationToken);
}
