using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>
/// Tickets in one table, one partition per ticket (docs/architecture.md, "Storage"). A change is one entity-group
/// transaction: the ticket row (added, or replaced under its ETag), new message/event/outbox rows, outbox updates under
/// their ETags, and markers. Every commit also keeps the ticket's due rows right (<see cref="DueSchedule.For"/>): rows
/// the stored ticket does not have yet are written BEFORE the transaction, rows it no longer needs are deleted AFTER it;
/// a crash in between only leaves an extra row, which the sweeps delete as stale.
/// </summary>
/// <remarks>
/// Which due rows a stored ticket has, with the ETag each was written at, is a storage-only property of the ticket row
/// (<c>DueRows</c>), so the domain ticket carries no storage detail. The store remembers it from the read that produced
/// the version being replaced; after a read elsewhere (another instance, or an evicted entry) it reads that one property.
/// </remarks>
internal sealed class TableTicketStore(TableClient table, TableDueIndex due) : ITicketStore
{
    /// <summary>Enough for every ticket a busy instance is working on; evicting only costs a one-property read.</summary>
    private const int MaxRemembered = 20_000;

    private static readonly string[] DueRowsColumn = [TicketRows.DueRowsProperty];

    private readonly ConcurrentDictionary<string, (string Version, string? DueRows)> _dueRows = new(StringComparer.Ordinal);

    public async Task<Ticket?> GetAsync(TicketId id, CancellationToken cancellationToken)
    {
        var entity = await table.GetOrNullAsync(id.ToString(), TicketRows.TicketKey, null, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var ticket = TicketEntityMapper.ToTicket(entity);
        Remember(ticket.Id, ticket.Version!, entity.GetString(TicketRows.DueRowsProperty));
        return ticket;
    }

    public async Task<CommittedChange> CommitAsync(TicketCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var ticket = commit.Ticket;
        var stored = ticket.Version is null ? [] : DueRowState.Parse(await StoredDueRowsAsync(ticket, cancellationToken));
        var wanted = DueSchedule.For(ticket).ToDictionary(e => DueSchedule.RowKey(ticket.Id, e), StringComparer.Ordinal);
        var rows = stored.Where(r => wanted.ContainsKey(r.Key)).ToDictionary(StringComparer.Ordinal);
        foreach (var (key, etag) in await due.WriteAsync(ticket.Id, [.. wanted.Where(w => !stored.ContainsKey(w.Key)).Select(w => w.Value)], cancellationToken))
        {
            rows[key] = etag;
        }

        var dueRows = DueRowState.Format(rows);
        var ticketEntity = TicketEntityMapper.ToEntity(ticket);
        if (dueRows is not null)
        {
            ticketEntity[TicketRows.DueRowsProperty] = dueRows;
        }

        var actions = new List<TableTransactionAction>
        {
            ticket.Version is null
                ? new(TableTransactionActionType.Add, ticketEntity)
                : new(TableTransactionActionType.UpdateReplace, ticketEntity, new ETag(ticket.Version)),
        };
        var markerStart = actions.Count;
        var at = ticket.UpdatedAt;
        actions.AddRange(commit.Markers.Select(m => new TableTransactionAction(TableTransactionActionType.Add, TicketEntityMapper.Marker(ticket.Id, m, at))));
        var markerEnd = actions.Count;
        actions.AddRange(commit.Messages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, TicketEntityMapper.ToEntity(ticket.Id, m))));
        actions.AddRange(commit.Events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, TicketEntityMapper.ToEntity(ticket.Id, e))));
        var outboxStart = actions.Count;
        actions.AddRange(commit.Outbox.Select(o => o.Version is null
            ? new TableTransactionAction(TableTransactionActionType.Add, TicketEntityMapper.ToEntity(o))
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, TicketEntityMapper.ToEntity(o), new ETag(o.Version))));

        string version;
        List<OutboxItem> outbox;
        try
        {
            var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
            version = responses.Value[0].ETagOf().ToString();

            // Each row's new ETag, so whoever sends it can mark it without reading it first.
            outbox = [.. commit.Outbox.Select((o, i) => o with { Version = responses.Value[outboxStart + i].ETagOf().ToString() })];
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            _dueRows.TryRemove(ticket.Id.ToString(), out _);
            var index = ex.FailedTransactionActionIndex ?? 0;
            if (ex.Status == 409 && index >= markerStart && index < markerEnd)
            {
                throw new DuplicateChangeException(commit.Markers[index - markerStart]);
            }

            throw new TicketConflictException($"Ticket {ticket.Id} changed concurrently ({ex.Status} {ex.ErrorCode} at operation {index}).", ex);
        }

        Remember(ticket.Id, version, dueRows);
        var obsolete = stored.Where(r => !wanted.ContainsKey(r.Key)).ToList();
        if (obsolete.Count > 0)
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

        return new CommittedChange(ticket with { Version = version }, outbox);
    }

    public async Task<OutboxItem?> GetOutboxAsync(TicketId id, int sequence, CancellationToken cancellationToken)
    {
        var entity = await table.GetOrNullAsync(id.ToString(), TicketRows.Outbox(sequence), null, cancellationToken);
        return entity is null ? null : TicketEntityMapper.ToOutbox(entity);
    }

    public async Task<OutboxItem?> TryUpdateOutboxAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            var response = await table.UpdateEntityAsync(
                TicketEntityMapper.ToEntity(item),
                item.Version is null ? ETag.All : new ETag(item.Version),
                TableUpdateMode.Replace,
                cancellationToken);
            return item with { Version = response.ETagOf().ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public Task<IReadOnlyList<OutboxItem>> GetPendingOutboxAsync(TicketId id, CancellationToken cancellationToken) =>
        table.ReadAllAsync(
            TicketRows.RangeFilter(id.ToString(), TicketRows.OutboxPrefix) + TableClient.CreateQueryFilter($" and State eq {nameof(OutboxState.Pending)}"),
            TicketEntityMapper.ToOutbox,
            cancellationToken);

    public Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TicketId id, CancellationToken cancellationToken) =>
        table.ReadAllAsync(TicketRows.RangeFilter(id.ToString(), TicketRows.MessagePrefix), TicketEntityMapper.ToMessage, cancellationToken);

    public Task<IReadOnlyList<TicketEvent>> GetEventsAsync(TicketId id, CancellationToken cancellationToken) =>
        table.ReadAllAsync(TicketRows.RangeFilter(id.ToString(), TicketRows.EventPrefix), TicketEntityMapper.ToEvent, cancellationToken);

    /// <summary>The due rows of the ticket version being replaced: remembered from its read, else read (one property).</summary>
    private async Task<string?> StoredDueRowsAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        if (_dueRows.TryGetValue(ticket.Id.ToString(), out var known) && known.Version == ticket.Version)
        {
            return known.DueRows;
        }

        var entity = await table.GetOrNullAsync(ticket.Id.ToString(), TicketRows.TicketKey, DueRowsColumn, cancellationToken);
        if (entity is null || entity.ETag.ToString() != ticket.Version)
        {
            // The replace would fail on its ETag anyway; failing here writes no due row for a version that is gone.
            throw new TicketConflictException($"Ticket {ticket.Id} changed since version {ticket.Version} was read.");
        }

        return entity.GetString(TicketRows.DueRowsProperty);
    }

    private void Remember(TicketId id, string version, string? dueRows)
    {
        if (_dueRows.Count >= MaxRemembered)
        {
            _dueRows.Clear();
        }

        _dueRows[id.ToString()] = (version, dueRows);
    }
}
