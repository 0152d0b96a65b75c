using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>The due index as the sweeps read it (table <c>Due</c>, docs/architecture.md, "Storage"). The ticket store writes it.</summary>
internal interface IDueIndex
{
    /// <summary>The rows of one shard for <paramref name="sweep"/> due at or before <paramref name="upTo"/>, in key order, page by page.</summary>
    IAsyncEnumerable<DueRow> ReadDueAsync(int shard, string sweep, DateTimeOffset upTo, CancellationToken cancellationToken);

    /// <summary>Deletes the row if it is still the version that was read (a row rewritten meanwhile stays).</summary>
    Task DeleteAsync(DueRow row, CancellationToken cancellationToken);
}

/// <summary>One due row as read: the ticket, the action kind, the row key and the row's version.</summary>
internal sealed record DueRow(TicketId Ticket, string Kind, string RowKey, string? Version);
