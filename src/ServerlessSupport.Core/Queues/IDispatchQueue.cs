using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Queues;

/// <summary>Hands outbox rows to DispatchEmail (queue <c>outbound</c>), optionally after a delay (retries, rate limits).</summary>
internal interface IDispatchQueue
{
    Task EnqueueAsync(TicketId ticket, int outboxSequence, TimeSpan? delay, CancellationToken cancellationToken);
}
