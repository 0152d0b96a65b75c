using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>The real ticket store (Azurite), telling the ledger about every commit that succeeded.</summary>
internal sealed class ObservedTicketStore(ITicketStore inner, SimulationLedger ledger, TimeProvider time) : ITicketStore
{
    public async Task<CommittedChange> CommitAsync(TicketCommit commit, CancellationToken cancellationToken)
    {
        var committed = await inner.CommitAsync(commit, cancellationToken);
        ledger.Committed(commit, committed.Ticket, time.GetUtcNow());
        return committed;
    }

    public Task<Ticket?> GetAsync(TicketId id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<OutboxItem?> GetOutboxAsync(TicketId id, int sequence, CancellationToken cancellationToken) => inner.GetOutboxAsync(id, sequence, cancellationToken);

    public Task<OutboxItem?> TryUpdateOutboxAsync(OutboxItem item, CancellationToken cancellationToken) => inner.TryUpdateOutboxAsync(item, cancellationToken);

    public Task<IReadOnlyList<OutboxItem>> GetPendingOutboxAsync(TicketId id, CancellationToken cancellationToken) => inner.GetPendingOutboxAsync(id, cancellationToken);

    public Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TicketId id, CancellationToken cancellationToken) => inner.GetMessagesAsync(id, cancellationToken);

    public Task<IReadOnlyList<TicketEvent>> GetEventsAsync(TicketId id, CancellationToken cancellationToken) => inner.GetEventsAsync(id, cancellationToken);
}
