using System.Text.Json;
using Azure.Storage.Queues;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Storage.Intake;

/// <summary>Queue <c>inbound</c>: a payload inline or a pointer to its blob (<see cref="InboundPointer"/>); it never expires.</summary>
internal sealed class QueueInboundQueue(QueueClient queue) : IInboundQueue
{
    public async Task EnqueueAsync(InboundPointer pointer, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(JsonSerializer.Serialize(pointer, CoreJsonContext.Default.InboundPointer), null, QueueTimeToLive.Never, cancellationToken);
}
