using Azure;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>
/// Tickets in one table, one partition per ticket (DESIGN.md §4). A change is one entity-group transaction: the ticket row
/// (added, or replaced under its ETag), new message/event/outbox rows, outbox updates under their ETags, and markers.
/// With a <paramref name="due"/> index every commit also keeps the ticket's due rows right (<see cref="DueSchedule.For"/>):
/// rows the stored ticket does not list yet are written BEFORE the transaction, rows it no longer needs are deleted AFTER
/// it; a crash in between only leaves an extra row, which the sweeps delete as stale.
/// </summary>
internal sealed class TableTicketStore(StorageTableClient table, TableDueIndex? due = null) : ITicketStore
{
    public async Task<Ticket?> GetAsync(TicketId id, CancellationToken cancellationToken)
    {
        var entity = await table.GetAsync(id.ToString(), TicketRows.TicketKey, cancellationToken: cancellationToken);
        return entity is null ? null : TicketEntityMapper.ToTicket(entity);
    }

    public async Task<Ticket> CommitAsync(TicketCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var (ticket, obsolete) = due is null ? (commit.Ticket, []) : await WriteDueRowsAsync(commit.Ticket, cancellationToken);
        var actions = new List<TableTransactionAction>
        {
            ticket.Version is null
                ? new(TableTransactionActionType.Add, TicketEntityMapper.ToEntity(ticket))
                : new(TableTransactionActionType.UpdateReplace, TicketEntityMapper.ToEntity(ticket), new ETag(ticket.Version)),
        };
        var markerStart = actions.Count;
        var at = ticket.UpdatedAt;
        actions.AddRange(commit.Markers.Select(m => new TableTransactionAction(TableTransactionActionType.Add, TicketEntityMapper.Marker(ticket.Id, m, at))));
        var markerEnd = actions.Count;
        actions.AddRange(commit.Messages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, TicketEntityMapper.ToEntity(ticket.Id, m))));
        actions.AddRange(commit.Events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, TicketEntityMapper.ToEntity(ticket.Id, e))));
        actions.AddRange(commit.Outbox.Select(o => o.Version is null
            ? new TableTransactionAction(TableTransactionActionType.Add, TicketEntityMapper.ToEntity(o))
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, TicketEntityMapper.ToEntity(o), new ETag(o.Version))));

        IReadOnlyList<ETag> etags;
        try
        {
            etags = await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            var index = ex.FailedIndex ?? 0;
            if (ex.Status == 409 && index >= markerStart && index < markerEnd)
            {
                throw new DuplicateChangeException(commit.Markers[index - markerStart]);
            }

            throw new TicketConflictException($"Ticket {ticket.Id} changed concurrently ({ex.Status} {ex.ErrorCode} at operation {index}).", ex);
        }

        if (due is not null && obsolete.Count > 0)
        {
            try
            {
                await due.RemoveAsync(ticket.Id, obsolete, cancellationToken);
            }
            catch (RequestFailedException)
            {
                // The change is committed; a row left behind is stale and the sweep that reads it deletes it.
            }
        }

        return ticket with { Version = etags[0].ToString() };
    }

    /// <summary>Upserts the due rows the ticket needs and the stored ticket does not list; returns the ticket with its new list and the rows to delete after the commit.</summary>
    private async Task<(Ticket Ticket, List<KeyValuePair<string, string>> Obsolete)> WriteDueRowsAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var stored = ticket.Version is null ? [] : DueRowState.Parse(ticket.DueIndexState);
        var wanted = DueSchedule.For(ticket).ToDictionary(e => DueSchedule.RowKey(ticket.Id, e), StringComparer.Ordinal);
        var rows = stored.Where(r => wanted.ContainsKey(r.Key)).ToDictionary(StringComparer.Ordinal);
        var written = await due!.WriteAsync(ticket.Id, [.. wanted.Where(w => !stored.ContainsKey(w.Key)).Select(w => w.Value)], cancellationToken);
        foreach (var (key, etag) in written)
        {
            rows[key] = etag;
        }

        var obsolete = stored.Where(r => !wanted.ContainsKey(r.Key)).ToList();
        return (ticket with { DueIndexState = DueRowState.Format(rows) }, obsolete);
    }

    public async Task<OutboxItem?> GetOutboxAsync(TicketId id, int sequence, CancellationToken cancellationToken)
    {
        var entity = await table.GetAsync(id.ToString(), TicketRows.Outbox(sequence), cancellationToken: cancellationToken);
        return entity is null ? null : TicketEntityMapper.ToOutbox(entity);
    }

    public async Task<OutboxItem?> TryUpdateOutboxAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            var etag = await table.UpdateAsync(
                TicketEntityMapper.ToEntity(item),
                item.Version is null ? ETag.All : new ETag(item.Version),
                TableUpdateMode.Replace,
                cancellationToken);
            return item with { Version = etag.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<OutboxItem>> GetPendingOutboxAsync(TicketId id, CancellationToken cancellationToken)
    {
        var filter = TicketRows.RangeFilter(id.ToString(), TicketRows.OutboxPrefix) + " and State eq 'Pending'";
        return await table.ReadAllAsync(filter, TicketEntityMapper.ToOutbox, cancellationToken);
    }

    public async Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TicketId id, CancellationToken cancellationToken)
    {
        return await table.ReadAllAsync(TicketRows.RangeFilter(id.ToString(), TicketRows.MessagePrefix), TicketEntityMapper.ToMessage, cancellationToken);
    }

    public async Task<IReadOnlyList<TicketEvent>> GetEventsAsync(TicketId id, CancellationToken cancellationToken)
    {
        return await table.ReadAllAsync(TicketRows.RangeFilter(id.ToString(), TicketRows.EventPrefix), TicketEntityMapper.ToEvent, cancellationToken);
    }
}
