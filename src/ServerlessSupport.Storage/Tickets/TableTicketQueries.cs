using Azure.Data.Tables;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>
/// Cross-ticket reads for the agents' API. Listing scans the ticket rows (RowKey 'ticket', filtered by status and update
/// time on the service) and is meant for a support desk's working set, thousands of tickets rather than millions; the
/// caller sorts and pages in memory.
/// </summary>
internal sealed class TableTicketQueries(TableClient table)
{
    /// <summary>Tickets whose status is one of <paramref name="statuses"/> (all when empty), optionally updated since an instant.</summary>
    public async Task<IReadOnlyList<Ticket>> ListAsync(IReadOnlyCollection<TicketStatus> statuses, DateTimeOffset? updatedSince, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        return await table.ReadAllAsync(Filter(statuses, updatedSince), TicketEntityMapper.ToTicket, cancellationToken);
    }

    /// <summary>Every outbox row of a ticket (sent, failed and pending), in order.</summary>
    public async Task<IReadOnlyList<OutboxItem>> GetOutboxAsync(TicketId id, CancellationToken cancellationToken)
    {
        return await table.ReadAllAsync(TicketRows.RangeFilter(id.ToString(), TicketRows.OutboxPrefix), TicketEntityMapper.ToOutbox, cancellationToken);
    }

    public static string Filter(IReadOnlyCollection<TicketStatus> statuses, DateTimeOffset? updatedSince)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TicketRows.TicketKey}");
        if (statuses.Count > 0 && statuses.Distinct().Count() < Enum.GetValues<TicketStatus>().Length)
        {
            filter += " and (" + string.Join(" or ", statuses.Distinct().Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")";
        }

        if (updatedSince is { } since)
        {
            filter += " and " + TableClient.CreateQueryFilter($"UpdatedAt ge {since}");
        }

        return filter;
    }
}
