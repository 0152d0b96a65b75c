using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla;

/// <summary>
/// One run of FollowUpSweep or EscalationSweep: reads only the due rows up to now (every shard, page by page), re-checks
/// each against its ticket, and acts through the outbox in the same transaction as the ticket change and its events. The
/// commit itself writes the next due rows; the row just handled is deleted afterwards. Firing twice, overlapping runs and a
/// crash between steps send nothing twice: a second look at a handled row finds nothing due, re-queues the ticket's pending
/// outbox rows (DispatchEmail sends each row once) and deletes the row.
/// </summary>
internal sealed partial class SlaSweepHandler(
    IDueIndex index,
    ITicketStore tickets,
    TicketCommitter committer,
    SlaPlanner planner,
    SlaActionComposer composer,
    TimeProvider time,
    ILogger<SlaSweepHandler> logger)
{
    private const int MaxCommitAttempts = 8;

    /// <summary>How many shards are swept at once (rows within a shard go in key order, i.e. by due time).</summary>
    public int Parallelism { get; init; } = 8;

    public async Task<SweepReport> RunAsync(string sweep, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var report = new SweepReport();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, DueSchedule.ShardCount),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken },
            async (shard, ct) =>
            {
                await foreach (var row in index.ReadDueAsync(shard, sweep, now, ct))
                {
                    await HandleAsync(sweep, row, now, report, ct);
                }
            });

        LogSwept(logger, sweep, report.Rows, report.Acted, report.Actions, report.NothingDue);
        return report;
    }

    private async Task HandleAsync(string sweep, DueRow row, DateTimeOffset now, SweepReport report, CancellationToken cancellationToken)
    {
        report.CountRow();
        for (var attempt = 0; attempt < MaxCommitAttempts; attempt++)
        {
            var ticket = await tickets.GetAsync(row.Ticket, cancellationToken);
            if (ticket is null)
            {
                await index.DeleteAsync(row, cancellationToken);
                report.CountNothingDue();
                return;
            }

            var decision = planner.DueActions(ticket, sweep, now);
            if (decision.IsEmpty)
            {
                if (DueSchedule.For(ticket).Any(e => DueSchedule.RowKey(ticket.Id, e) == row.RowKey))
                {
                    // The ticket still wants this row but says nothing is due: keep it rather than lose a deadline.
                    LogInconsistent(logger, row.Ticket.ToString(), row.RowKey);
                    return;
                }

                // Done already (an overlapping or repeated run) or stale: make sure what that run wrote is on its way.
                await committer.RedispatchPendingAsync(ticket.Id, cancellationToken);

                await index.DeleteAsync(row, cancellationToken);
                report.CountNothingDue();
                return;
            }

            var commit = composer.Compose(ticket, decision, now);
            try
            {
                // The row is deleted only after this: a crash before it brings the row back to the next run.
                await committer.CommitAsync(commit, OutboxSafety.Redelivery, cancellationToken);
            }
            catch (TicketConflictException)
            {
                continue;
            }

            // The commit deleted the rows the ticket no longer lists; this one may be an extra left by a crash.
            await index.DeleteAsync(row, cancellationToken);
            report.CountActed(decision.Actions.Count);
            SupportTelemetry.SweepActed(sweep, decision.Actions, planner.Policy);
            LogActed(logger, sweep, ticket.Id.ToString(), string.Join(", ", decision.Actions.Select(a => a.GetType().Name)));
            return;
        }

        throw new TicketConflictException($"Ticket {row.Ticket} kept changing while {sweep} handled due row {row.RowKey}; the next run retries.");
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "{Sweep} sweep: {Rows} due row(s), {Acted} ticket(s) acted on with {Actions} action(s), {NothingDue} with nothing due")]
    private static partial void LogSwept(ILogger logger, string sweep, int rows, int acted, int actions, int nothingDue);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Sweep} sweep acted on ticket {Ticket}: {Actions}")]
    private static partial void LogActed(ILogger logger, string sweep, string ticket, string actions);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Ticket {Ticket} lists due row {RowKey} but nothing is due; row kept")]
    private static partial void LogInconsistent(ILogger logger, string ticket, string rowKey);
}

/// <summary>What one sweep run did (thread-safe counters; shards run in parallel).</summary>
internal sealed class SweepReport
{
    private int _rows;
    private int _acted;
    private int _actions;
    private int _nothingDue;

    public int Rows => _rows;

    public int Acted => _acted;

    public int Actions => _actions;

    public int NothingDue => _nothingDue;

    public void CountRow() => Interlocked.Increment(ref _rows);

    public void CountActed(int actions)
    {
        Interlocked.Increment(ref _acted);
        Interlocked.Add(ref _actions, actions);
    }

    public void CountNothingDue() => Interlocked.Increment(ref _nothingDue);
}
