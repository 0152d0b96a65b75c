using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Bench;

/// <summary>Counts what the sweep would hand to DispatchEmail (queue writes are not what this benchmark measures).</summary>
internal sealed class NullDispatchQueue : IDispatchQueue
{
    private int _count;

    public int Count => _count;

    public Task EnqueueAsync(TicketId ticket, int outboxSequence, TimeSpan? delay, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }
}
