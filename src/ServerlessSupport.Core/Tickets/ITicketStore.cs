namespace ServerlessSupport.Core.Tickets;

/// <summary>
/// The tickets table: one partition per ticket, one transaction per change. The store also owns the due index the sweeps
/// read (<see cref="Sla.Clocks.IDueIndex"/>): every commit leaves exactly the rows <see cref="Sla.Clocks.DueSchedule.For"/> asks of the
/// committed ticket, writing new ones before the transaction and deleting obsolete ones after it, so no change path can
/// forget a deadline. Write through <see cref="TicketCommitter"/>, which also hands the outbox rows to dispatch.
/// </summary>
internal interface ITicketStore
{
    Task<Ticket?> GetAsync(TicketId id, CancellationToken cancellationToken);

    /// <summary>
    /// Commits the change atomically and brings the ticket's due rows in line with it, or throws
    /// <see cref="TicketConflictException"/> / <see cref="DuplicateChangeException"/>; the ticket's partition is untouched on
    /// failure (a due row written ahead of a failed commit is an extra row, which the sweep that reads it deletes as stale).
    /// </summary>
    Task<CommittedChange> CommitAsync(TicketCommit commit, CancellationToken cancellationToken);

    Task<OutboxItem?> GetOutboxAsync(TicketId id, int sequence, CancellationToken cancellationToken);

    /// <summary>Replaces the outbox row if its version still matches and returns it at its new version; null if another writer got there first.</summary>
    Task<OutboxItem?> TryUpdateOutboxAsync(OutboxItem item, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutboxItem>> GetPendingOutboxAsync(TicketId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TicketId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<TicketEvent>> GetEventsAsync(TicketId id, CancellationToken cancellationToken);
}

/// <summary>A committed change: the ticket and the commit's outbox rows, each at the version the transaction wrote.</summary>
internal sealed record CommittedChange(Ticket Ticket, IReadOnlyList<OutboxItem> Outbox);
