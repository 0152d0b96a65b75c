using Azure.Data.Tables;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Sla;

namespace ServerlessSupport.Testing;

/// <summary>
/// A long-running desk's Due table in a short benchmark: rows in the due index's own shape (<see cref="TableDueIndex"/>),
/// all due a year after the instant given, so a sweep at that instant reads through them and finds none. Their tickets
/// need not exist.
/// </summary>
public static class FutureDueRows
{
    /// <summary>Writes <paramref name="rows"/> more rows due a year after <paramref name="now"/> (a third status notes, the rest escalations).</summary>
    public static async Task WriteAsync(TableClient due, int rows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(due);
        var at = now.AddYears(1);
        var entities = Enumerable.Range(0, rows).Select(i => TableDueIndex.ToEntity(TicketId.New(), i % 3 == 0
            ? new DueEntry(DueKinds.StatusNote, at.AddMinutes(i % 600), DueKinds.FollowUpSweep)
            : new DueEntry(DueKinds.Escalation(TargetKind.FirstResponse), at.AddMinutes(i % 600), DueKinds.EscalationSweep)));

        // At most 100 rows and one partition per batch, as Azure requires (Azurite would take more).
        var batches = entities.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await due.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
    }

    /// <summary>What the escalation sweep reads at <paramref name="now"/>: every shard's due range, one shard after the other (SlaSweepHandler).</summary>
    public static async Task<int> ReadAsSweepAsync(TableClient due, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var index = new TableDueIndex(due);
        var found = 0;
        for (var shard = 0; shard < DueSchedule.ShardCount; shard++)
        {
            await foreach (var unused in index.ReadDueAsync(shard, DueKinds.EscalationSweep, now, cancellationToken))
            {
                found++;
            }
        }

        return found;
    }
}
