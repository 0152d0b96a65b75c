using System.Text.Json;
using Azure.Storage.Queues;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Storage.Queues;

/// <summary>Queue <c>outbound</c>: one small JSON message per outbox row to send, with the trace context of whoever queued it.</summary>
internal sealed class QueueDispatchQueue(QueueClient queue) : IDispatchQueue
{
    /// <summary>The queue service's longest visibility delay.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    public async Task EnqueueAsync(TicketId ticket, int outboxSequence, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var text = JsonSerializer.Serialize(new DispatchRequest(ticket.ToString(), outboxSequence, TraceCarrier.FromCurrent()), CoreJsonContext.Default.DispatchRequest);
        var visibility = delay is { } d && d > TimeSpan.Zero ? (d > MaxDelay ? MaxDelay : d) : (TimeSpan?)null;

        // Never expires: an accepted email must not vanish because nobody could send it for a week.
        await queue.SendMessageAsync(text, visibility, QueueTimeToLive.Never, cancellationToken);
    }
}
