namespace ServerlessSupport.Core.Tickets;

/// <summary>The tickets table: one partition per ticket, one transaction per change.</summary>
internal interface ITicketStore
{
    Task<Ticket?> GetAsync(TicketId id, CancellationToken cancellationToken);

    /// <summary>Commits the change atomically or throws <see cref="TicketConflictException"/> / <see cref="DuplicateChangeException"/>; nothing is written on failure.</summary>
    Task<Ticket> CommitAsync(TicketCommit commit, CancellationToken cancellationToken);

    Task<OutboxItem?> GetOutboxAsync(TicketId id, int sequence, CancellationToken cancellationToken);

    /// <summary>Replaces the outbox row if its version still matches and returns it at its new version; null if another writer got there first.</summary>
    Task<OutboxItem?> TryUpdateOutboxAsync(OutboxItem item, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxItem>> GetPendingOutboxAsync(TicketId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TicketId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<TicketEvent>> GetEventsAsync(TicketId id, CancellationToken cancellationToken);
}
