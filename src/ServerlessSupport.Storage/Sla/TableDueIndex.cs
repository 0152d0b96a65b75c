using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Sla;

/// <summary>
/// Table <c>Due</c> (docs/architecture.md, "Storage"): PartitionKey <c>due-{shard}</c>, RowKey <c>{dueUtc}-{ticket}-{kind}</c>, property
/// <c>Sweep</c>. The ticket store writes rows before its commit and deletes the ones no longer needed after it; sweeps read
/// only the key range up to now, so their cost grows with the rows due, not with the number of tickets.
/// </summary>
internal sealed class TableDueIndex(TableClient table) : IDueIndex
{
    private static readonly string[] ReadColumns = ["RowKey", "Ticket", "Kind"];

    public TableClient Table { get; } = table;

    public async IAsyncEnumerable<DueRow> ReadDueAsync(int shard, string sweep, DateTimeOffset upTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = DueSchedule.PartitionOf(shard);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey le {DueSchedule.UpperBound(upTo)} and Sweep eq {sweep}");

        // The SDK pages with the continuation tokens; $select drops the keys unless they are named.
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ReadColumns, cancellationToken: cancellationToken))
        {
            if (TicketId.TryParse(entity.GetString("Ticket"), out var ticket))
            {
                yield return new DueRow(ticket, entity.GetString("Kind") ?? string.Empty, entity.RowKey, entity.ETag.ToString());
            }
        }
    }

    public async Task DeleteAsync(DueRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await DeleteAsync(DueSchedule.Partition(row.Ticket), row.RowKey, row.Version, cancellationToken);
    }

    /// <summary>Writes (upserts) the rows of one ticket in one transaction (they share a partition); returns each row's ETag by key.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(TicketId ticket, IReadOnlyList<DueEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entries.Count == 0)
        {
            return written;
        }

        var actions = entries.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(ticket, e))).ToList();
        var responses = await Table.SubmitTransactionAsync(actions, cancellationToken);
        for (var i = 0; i < actions.Count; i++)
        {
            written[actions[i].Entity.RowKey] = responses.Value[i].ETagOf().ToString();
        }

        return written;
    }

    /// <summary>Deletes rows of one ticket at the versions given; a row rewritten since (or already gone) is left alone.</summary>
    public async Task RemoveAsync(TicketId ticket, IEnumerable<KeyValuePair<string, string>> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var partition = DueSchedule.Partition(ticket);
        foreach (var (rowKey, etag) in rows)
        {
            await DeleteAsync(partition, rowKey, etag, cancellationToken);
        }
    }

    public static TableEntity ToEntity(TicketId ticket, DueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new TableEntity(DueSchedule.Partition(ticket), DueSchedule.RowKey(ticket, entry))
        {
            ["Ticket"] = ticket.ToString(),
            ["Kind"] = entry.Kind,
            ["Sweep"] = entry.Sweep,
            ["DueAt"] = entry.DueAt,
        };
    }

    private async Task DeleteAsync(string partition, string rowKey, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            // A row already gone answers 404, which the SDK's delete treats as done.
            await Table.DeleteEntityAsync(partition, rowKey, string.IsNullOrEmpty(etag) ? ETag.All : new ETag(etag), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Rewritten by a later commit that wants it again: it is that commit's row now.
        }
    }
}
