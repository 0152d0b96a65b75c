using System.Collections.Concurrent;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Bench;

/// <summary>Counts what the sweep would hand to DispatchEmail (queue writes are not what this benchmark measures).</summary>
internal sealed class NullDispatchQueue : IDispatchQueue
{
    private readonly ConcurrentQueue<(TicketId Ticket, int Sequence)> _queued = new();

    public int Count => _queued.Count;

    /// <summary>The outbox rows handed over, to read back what they say.</summary>
    public IEnumerable<(TicketId Ticket, int Sequence)> Queued => _queued;

    public Task EnqueueAsync(TicketId ticket, int outboxSequence, TimeSpan? delay, CancellationToken cancellationToken)
    {
        _queued.Enqueue((ticket, outboxSequence));
        return Task.CompletedTask;
    }
}
