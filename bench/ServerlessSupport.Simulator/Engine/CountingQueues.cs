using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>
/// How many messages the pipeline put on each real queue and the simulation has not taken off yet, so it drains a queue
/// only when something is on it. Delayed messages (retries, claims) become visible in Azurite's real time, not the
/// simulated one; they are counted apart and reported.
/// </summary>
internal sealed class QueueCounters
{
    private int _inbound;
    private int _outbound;
    private int _delayed;

    public int Inbound => Volatile.Read(ref _inbound);

    public int Outbound => Volatile.Read(ref _outbound);

    public int Delayed => Volatile.Read(ref _delayed);

    /// <summary>What is still on <paramref name="queue"/> (inbound or outbound).</summary>
    public int Waiting(string queue) => queue == QueueNames.Inbound ? Inbound : Outbound;

    public void Queued(string queue) => Interlocked.Increment(ref queue == QueueNames.Inbound ? ref _inbound : ref _outbound);

    public void Taken(string queue) => Interlocked.Decrement(ref queue == QueueNames.Inbound ? ref _inbound : ref _outbound);

    public void QueuedDelayed() => Interlocked.Increment(ref _delayed);
}

internal sealed class CountingInboundQueue(IInboundQueue inner, QueueCounters counters) : IInboundQueue
{
    public async Task EnqueueAsync(InboundQueueMessage pointer, CancellationToken cancellationToken)
    {
        await inner.EnqueueAsync(pointer, cancellationToken);
        counters.Queued(QueueNames.Inbound);
    }
}

internal sealed class CountingDispatchQueue(IDispatchQueue inner, QueueCounters counters) : IDispatchQueue
{
    public async Task EnqueueAsync(TicketId ticket, int outboxSequence, TimeSpan? delay, CancellationToken cancellationToken)
    {
        await inner.EnqueueAsync(ticket, outboxSequence, delay, cancellationToken);
        if (delay is { } d && d > TimeSpan.Zero)
        {
            counters.QueuedDelayed();
        }
        else
        {
            counters.Queued(QueueNames.Outbound);
        }
    }
}
