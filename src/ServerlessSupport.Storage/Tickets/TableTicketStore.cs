using Azure;
using Azure.Data.Tables;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>
/// Tickets in one table, one partition per ticket (docs/architecture.md, "Storage"). A change is one entity-group
/// transaction: the ticket row (added, or replaced under its ETag), new message/event/outbox rows, outbox updates under
/// their ETags, and markers. Every commit also keeps the ticket's due rows right, through <see cref="TicketDueRows"/>.
/// </summary>
internal sealed class TableTicketStore(TableClient table, TableDueIndex due) : ITicketStore, IDisposable
{
    private readonly TicketDueRows _dueRows = new(table, due);

    public async Task<Ticket?> GetAsync(TicketId id, CancellationToken cancellationToken)
    {
        var entity = await table.GetOrNullAsync(id.ToString(), TicketRows.TicketKey, null, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var ticket = TicketEntityMapper.ToTicket(entity);
        _dueRows.Remember(ticket.Id, ticket.Version!, entity.GetString(TicketRows.DueRowsProperty));
        return ticket;
    }

    public async Task<CommittedChange> CommitAsync(TicketCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var ticket = commit.Ticket;
        var plan = await _dueRows.PrepareAsync(ticket, cancellationToken);
        var ticketEntity = TicketEntityMapper.ToEntity(ticket);
        if (plan.DueRows is not null)
        {
            ticketEntity[TicketRows.DueRowsProperty] = plan.DueRows;
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
            _dueRows.Forget(ticket.Id);
            var index = ex.FailedTransactionActionIndex ?? 0;
            if (ex.Status == 409 && index >= markerStart && index < markerEnd)
            {
                throw new DuplicateChangeException(commit.Markers[index - markerStart]);
            }

            throw new TicketConflictException($"Ticket {ticket.Id} changed concurrently ({ex.Status} {ex.ErrorCode} at operation {index}).", ex);
        }

        await _dueRows.CompleteAsync(ticket.Id, version, plan, cancellationToken);
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

    public void Dispose() => _dueRows.Dispose();
}
