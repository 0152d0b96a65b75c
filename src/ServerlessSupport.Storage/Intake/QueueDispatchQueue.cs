using System.Text.Json;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Queues;

namespace ServerlessSupport.Storage.Intake;

/// <summary>Queue <c>outbound</c>: one small JSON message per outbox row to send.</summary>
internal sealed class QueueDispatchQueue(StorageQueueClient queue) : IDispatchQueue
{
    public Task EnqueueAsync(TicketId ticket, int outboxSequence, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var text = JsonSerializer.Serialize(new DispatchRequest(ticket.ToString(), outboxSequence), CoreJsonContext.Default.DispatchRequest);

        // The queue's longest visibility delay is 7 days; longer waits are not something dispatch asks for.
        var visibility = delay is { } d && d > TimeSpan.Zero ? (d > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : d) : (TimeSpan?)null;
        // Never expires: an accepted email must not vanish because nobody could send it for a week.
        return queue.SendAsync(text, visibility, TimeSpan.MaxValue, cancellationToken);
    }
}
