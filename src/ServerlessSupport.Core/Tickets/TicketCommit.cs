namespace ServerlessSupport.Core.Tickets;

/// <summary>
/// Everything one change writes to a ticket's partition, committed as one entity-group transaction:
/// the ticket row (added when <see cref="Ticket.Version"/> is null, else replaced if the version still matches),
/// the new rows, and de-duplication markers that make the same change fail as a whole if it was committed before.
/// </summary>
internal sealed record TicketCommit(Ticket Ticket)
{
    public IReadOnlyList<TicketMessage> Messages { get; init; } = [];

    public IReadOnlyList<TicketEvent> Events { get; init; } = [];

    public IReadOnlyList<OutboxItem> Outbox { get; init; } = [];

    /// <summary>Keys of marker rows (e.g. a Message-ID hash) that must not exist yet; one that does fails the commit as a duplicate.</summary>
    public IReadOnlyList<string> Markers { get; init; } = [];
}
