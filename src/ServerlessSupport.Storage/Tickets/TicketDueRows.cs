using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>
/// Keeps a ticket's due rows right across its commits (<see cref="DueSchedule.For"/>): the rows the stored ticket does
/// not have yet are written BEFORE its transaction (<see cref="PrepareAsync"/>), the rows it no longer needs are deleted
/// AFTER it (<see cref="CompleteAsync"/>); a crash in between only leaves an extra row, which the sweeps delete as stale.
/// </summary>
/// <remarks>
/// Which due rows a stored ticket has, with the ETag each was written at, is a storage-only property of the ticket row
/// (<c>DueRows</c>), so the domain ticket carries no storage detail. It is remembered from the read or commit that
/// produced the version being replaced; after a read elsewhere (another instance, or an entry the cache let go) that
/// one property is read.
/// </remarks>
internal sealed class TicketDueRows(TableClient tickets, TableDueIndex due) : IDisposable
{
    /// <summary>Enough for every ticket a busy instance is working on; an entry let go only costs a one-property read.</summary>
    private const int MaxRemembered = 20_000;

    private static readonly string[] DueRowsColumn = [TicketRows.DueRowsProperty];

    private readonly MemoryCache _remembered = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    /// <summary>What one commit does to the due rows: the value the ticket row stores, and the rows to delete after it.</summary>
    public sealed record Plan(string? DueRows, IReadOnlyList<KeyValuePair<string, string>> Obsolete);

    /// <summary>Writes the rows <paramref name="ticket"/> newly needs; the plan says what its row stores and what goes after.</summary>
    public async Task<Plan> PrepareAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var stored = ticket.Version is null ? [] : DueRowState.Parse(await StoredAsync(ticket, cancellationToken));
        var wanted = DueSchedule.For(ticket).ToDictionary(e => DueSchedule.RowKey(ticket.Id, e), StringComparer.Ordinal);
        var rows = stored.Where(r => wanted.ContainsKey(r.Key)).ToDictionary(StringComparer.Ordinal);
        foreach (var (key, etag) in await due.WriteAsync(ticket.Id, [.. wanted.Where(w => !stored.ContainsKey(w.Key)).Select(w => w.Value)], cancellationToken))
        {
            rows[key] = etag;
        }

        return new Plan(DueRowState.Format(rows), [.. stored.Where(r => !wanted.ContainsKey(r.Key))]);
    }

    /// <summary>After the transaction: remembers the new version's rows and deletes the obsolete ones.</summary>
    public async Task CompleteAsync(TicketId id, string version, Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Remember(id, version, plan.DueRows);
        if (plan.Obsolete.Count == 0)
        {
            return;
        }

        try
        {
            await due.RemoveAsync(id, plan.Obsolete, cancellationToken);
        }
        catch (RequestFailedException)
        {
            // The change is committed; a row left behind is stale and the sweep that reads it deletes it.
        }
    }

    /// <summary>A read of the ticket row: its version's rows are known without another read.</summary>
    public void Remember(TicketId id, string version, string? dueRows)
    {
        using var entry = _remembered.CreateEntry(id.ToString());
        entry.Value = (version, dueRows);
        entry.Size = 1;
    }

    /// <summary>A commit that failed: the version it replaced may be gone.</summary>
    public void Forget(TicketId id) => _remembered.Remove(id.ToString());

    public void Dispose() => _remembered.Dispose();

    private async Task<string?> StoredAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        if (_remembered.TryGetValue(ticket.Id.ToString(), out (string Version, string? DueRows) known) && known.Version == ticket.Version)
        {
            return known.DueRows;
        }

        var entity = await tickets.GetOrNullAsync(ticket.Id.ToString(), TicketRows.TicketKey, DueRowsColumn, cancellationToken);
        if (entity is null || entity.ETag.ToString() != ticket.Version)
        {
            // The replace would fail on its ETag anyway; failing here writes no due row for a version that is gone.
            throw new TicketConflictException($"Ticket {ticket.Id} changed since version {ticket.Version} was read.");
        }

        return entity.GetString(TicketRows.DueRowsProperty);
    }
}
