using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Sweeps;

/// <summary>
/// One run of FollowUpSweep or EscalationSweep: reads only the due rows up to now (every shard, page by page), re-checks
/// each ticket, and acts through the outbox in the same transaction as the ticket change and its events. The commit
/// itself writes the next due rows; the rows just handled are deleted afterwards. Notices of the run for the same
/// recipient go out as one digest (<see cref="DigestRouting"/>): the anchors commit first, then every other ticket.
/// Firing twice, overlapping runs and a crash between steps send no email twice: a second look at a handled ticket finds
/// nothing due, re-queues its pending outbox rows (DispatchEmail sends each row once) and deletes the rows.
/// </summary>
internal sealed partial class SlaSweepHandler(
    IDueIndex index,
    ITicketStore tickets,
    TicketCommitter committer,
    SlaPlanner planner,
    SlaActionComposer composer,
    TeamPace pace,
    IAgentDirectory agents,
    TimeProvider time,
    ILogger<SlaSweepHandler> logger)
{
    /// <summary>How many tickets are inspected and committed at once (shards are read one by one, each in key order, i.e. by due time).</summary>
    public int Parallelism { get; init; } = 8;

    public async Task<SweepReport> RunAsync(string sweep, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var report = new SweepReport();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken };

        // 1. Every due row of the run, by ticket (a ticket may have several due at once). One shard at a time: the read is
        // background work and must not crowd out the intake's storage calls. Azurite runs every query as a scan of the
        // whole Due table, and eight at once stalled intake for seconds (scripts/bench-intake.sh --seed-due).
        var rows = new Dictionary<TicketId, List<DueRow>>();
        for (var shard = 0; shard < DueSchedule.ShardCount; shard++)
        {
            await foreach (var row in index.ReadDueAsync(shard, sweep, now, cancellationToken))
            {
                report.CountRow();
                (rows.TryGetValue(row.Ticket, out var list) ? list : rows[row.Ticket] = []).Add(row);
            }
        }

        // 2. What each ticket has due now; tickets with nothing due are tidied up here. A broken promise's new date may be
        // the team's estimate: the cached pace, read only when the follow-up sweep has work.
        var snapshot = rows.Count > 0 && sweep == DueKinds.FollowUpSweep ? await pace.CurrentAsync(cancellationToken) : null;

        // Who the agents are (addresses, what they asked to hear about): the directory's cached list, once per run.
        var roster = rows.Count > 0 ? new AgentRoster(await agents.ListAsync(cancellationToken)) : AgentRoster.Empty;
        var work = new ConcurrentDictionary<TicketId, Work>();
        await Parallel.ForEachAsync(rows, options, async (entry, ct) =>
        {
            if (await InspectAsync(sweep, entry.Key, [.. entry.Value], now, snapshot, report, ct) is { } due)
            {
                work[entry.Key] = due;
            }
        });

        // 3. Digests: the anchors first, one by one in id order, then everyone else.
        var routing = DigestRouting.Plan(work.Values.SelectMany(w => composer.Notices(w.Ticket, w.Decision, now, roster)));
        var run = new Run(sweep, routing, now, snapshot, roster, report);
        foreach (var anchor in routing.Anchors)
        {
            await CommitAsync(run, work[anchor], cancellationToken);
        }

        var anchors = routing.Anchors.ToHashSet();
        await Parallel.ForEachAsync(work.Values.Where(w => !anchors.Contains(w.Ticket.Id)), options, (w, ct) => new ValueTask(CommitAsync(run, w, ct)));

        LogSwept(logger, sweep, report.Rows, report.Acted, report.Actions, report.NothingDue, routing.Groups.Count);
        return report;
    }

    /// <summary>The ticket and its decision when something is due; otherwise deletes its stale rows (null).</summary>
    private async Task<Work?> InspectAsync(string sweep, TicketId id, IReadOnlyList<DueRow> rows, DateTimeOffset now, PaceSnapshot? snapshot, SweepReport report, CancellationToken cancellationToken)
    {
        var ticket = await tickets.GetAsync(id, cancellationToken);
        if (ticket is null)
        {
            await DeleteAsync(rows, report, cancellationToken);
            return null;
        }

        var decision = planner.DueActions(ticket, sweep, now, snapshot);
        if (!decision.IsEmpty)
        {
            return new Work(ticket, decision, rows);
        }

        await NothingDueAsync(ticket, rows, report, cancellationToken);
        return null;
    }

    private async Task CommitAsync(Run run, Work work, CancellationToken cancellationToken)
    {
        var (sweep, routing, now, snapshot, roster, report) = run;
        var anchored = routing.AnchoredBy(work.Ticket.Id);
        if (composer.Notices(work.Ticket, work.Decision, now, roster).Any(n => routing.GroupOf(n) is { Abandoned: true }))
        {
            // Its digest is another run's: that run records this ticket; if it crashed, the rows bring it back.
            LogLeftToOtherRun(logger, sweep, work.Ticket.Id.ToString());
            return;
        }

        Ticket? ticket = null;
        SlaDecision? decision = null;
        ValueTask<TicketCommit?> Decide(Ticket? read, int attempt)
        {
            ticket = read;
            decision = attempt == 0 ? work.Decision : read is null ? null : planner.DueActions(read, sweep, now, snapshot);
            if (attempt > 0)
            {
                // A digest whose anchor no longer has its notice in it was done by an overlapping run.
                var notices = read is null || decision is null ? [] : composer.Notices(read, decision, now, roster);
                foreach (var group in anchored.Where(g => !notices.Any(n => routing.GroupOf(n) == g)))
                {
                    group.Abandon();
                }
            }

            return ValueTask.FromResult(read is null || decision!.IsEmpty ? null : composer.Compose(read, decision, now, routing, roster));
        }

        // The rows are deleted only after this: a crash before it brings them back to the next run.
        var committed = await committer.ChangeAsync(work.Ticket.Id, Decide, OutboxSafety.Redelivery, cancellationToken, new FirstRead(work.Ticket));
        if (committed is null)
        {
            if (ticket is null)
            {
                await DeleteAsync(work.Rows, report, cancellationToken);
            }
            else
            {
                await NothingDueAsync(ticket, work.Rows, report, cancellationToken);
            }

            return;
        }

        foreach (var digest in committed.Outbox.Where(o => o.Kind == Outbound.OutboxEmails.DigestKind))
        {
            anchored.FirstOrDefault(g => digest.Email.Tags.GetValueOrDefault("digest") == g.Number.ToString(CultureInfo.InvariantCulture))?.Committed(digest.Sequence);
        }

        // The commit deleted the rows the ticket no longer lists; these may be extras left by a crash.
        foreach (var row in work.Rows)
        {
            await index.DeleteAsync(row, cancellationToken);
        }

        report.CountActed(decision!.Actions.Count);
        SupportTelemetry.SweepActed(sweep, decision.Actions);
        LogActed(logger, sweep, committed.Ticket.Id.ToString(), string.Join(", ", decision.Actions.Select(a => a.GetType().Name)));
    }

    /// <summary>Done already (an overlapping or repeated run) or stale: make sure what that run wrote is on its way, and delete the rows.</summary>
    private async Task NothingDueAsync(Ticket ticket, IReadOnlyList<DueRow> rows, SweepReport report, CancellationToken cancellationToken)
    {
        var wanted = DueSchedule.For(ticket).Select(e => DueSchedule.RowKey(ticket.Id, e)).ToHashSet(StringComparer.Ordinal);
        var stale = new List<DueRow>();
        foreach (var row in rows)
        {
            if (wanted.Contains(row.RowKey))
            {
                // The ticket still wants this row but says nothing is due: keep it rather than lose a deadline.
                LogInconsistent(logger, row.Ticket.ToString(), row.RowKey);
            }
            else
            {
                stale.Add(row);
            }
        }

        if (stale.Count > 0)
        {
            await committer.RedispatchPendingAsync(ticket.Id, cancellationToken);
            await DeleteAsync(stale, report, cancellationToken);
        }
    }

    private async Task DeleteAsync(IReadOnlyList<DueRow> rows, SweepReport report, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            await index.DeleteAsync(row, cancellationToken);
            report.CountNothingDue();
        }
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "{Sweep} sweep: {Rows} due row(s), {Acted} ticket(s) acted on with {Actions} action(s), {NothingDue} with nothing due, {Digests} digest(s)")]
    private static partial void LogSwept(ILogger logger, string sweep, int rows, int acted, int actions, int nothingDue, int digests);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Sweep} sweep acted on ticket {Ticket}: {Actions}")]
    private static partial void LogActed(ILogger logger, string sweep, string ticket, string actions);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "{Sweep} sweep left ticket {Ticket} to the overlapping run that sent its digest")]
    private static partial void LogLeftToOtherRun(ILogger logger, string sweep, string ticket);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Ticket {Ticket} lists due row {RowKey} but nothing is due; row kept")]
    private static partial void LogInconsistent(ILogger logger, string ticket, string rowKey);

    private sealed record Work(Ticket Ticket, SlaDecision Decision, IReadOnlyList<DueRow> Rows);

    /// <summary>What every commit of one run shares.</summary>
    private sealed record Run(string Sweep, DigestRouting Routing, DateTimeOffset Now, PaceSnapshot? Pace, AgentRoster Roster, SweepReport Report);
}

/// <summary>What one sweep run did (thread-safe counters; tickets are handled in parallel).</summary>
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
