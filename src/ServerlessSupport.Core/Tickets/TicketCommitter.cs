using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Tickets;

/// <summary>
/// The one way a change reaches the ticket and its emails reach DispatchEmail: commit the transaction, then queue every
/// pending outbox row it wrote. Every writer (ProcessInbound, the sweeps, the agents' commands, the survey, dispatch
/// itself) goes through here, so "committed but not queued" has one repair everywhere:
/// <list type="bullet">
/// <item>A writer whose trigger comes back when it fails (a queue message, a due row deleted only after the action) uses
/// <see cref="OutboxSafety.Redelivery"/>: the redelivered run finds the change committed (its marker exists, or nothing
/// is due any more) and calls <see cref="RedispatchPendingAsync"/>.</item>
/// <item>A writer whose trigger does not come back (an HTTP request) uses <see cref="OutboxSafety.DelayedMessage"/>: a
/// delayed queue message per new row goes out before the commit, so a crash after the commit still sends the email.</item>
/// </list>
/// Queueing a row twice sends it once: DispatchEmail claims the row and skips rows that are not pending or are missing.
/// </summary>
internal sealed partial class TicketCommitter(ITicketStore tickets, IDispatchQueue dispatch, IOptions<DispatchOptions> options, ILogger<TicketCommitter> logger)
{
    /// <summary>The safety net waits out a claim, so it never races the regular message of a healthy run.</summary>
    private readonly TimeSpan _safetyDelay = options.Value.ClaimDuration;

    /// <summary>Commits, then queues the commit's pending outbox rows. Conflicts and duplicates propagate (see <see cref="ITicketStore.CommitAsync"/>).</summary>
    public async Task<Ticket> CommitAsync(TicketCommit commit, OutboxSafety safety, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var pending = commit.Outbox.Where(o => o.State == OutboxState.Pending).ToList();
        if (safety == OutboxSafety.DelayedMessage)
        {
            // DispatchEmail finds no row if the commit never happens, and the row's claim keeps the two messages from racing.
            foreach (var item in pending.Where(o => o.Version is null))
            {
                await dispatch.EnqueueAsync(item.TicketId, item.Sequence, _safetyDelay, cancellationToken);
            }
        }

        var committed = await tickets.CommitAsync(commit, cancellationToken);
        foreach (var item in pending)
        {
            try
            {
                await dispatch.EnqueueAsync(item.TicketId, item.Sequence, null, cancellationToken);
            }
#pragma warning disable CA1031 // Whatever failed, the safety-net message covers this row; failing now would report a committed change as failed.
            catch (Exception ex) when (safety == OutboxSafety.DelayedMessage && item.Version is null && !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogSafetyNetCovers(logger, ex, item.TicketId.ToString(), item.Sequence, _safetyDelay);
            }
        }

        return committed;
    }

    /// <summary>After a redelivery found its change already committed: queue whatever the earlier run may not have.</summary>
    public async Task RedispatchPendingAsync(TicketId ticket, CancellationToken cancellationToken)
    {
        foreach (var item in await tickets.GetPendingOutboxAsync(ticket, cancellationToken))
        {
            await dispatch.EnqueueAsync(ticket, item.Sequence, null, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Ticket {Ticket}: change committed but outbox row {Sequence} could not be queued; its safety-net message sends it in {Delay}")]
    private static partial void LogSafetyNetCovers(ILogger logger, Exception exception, string ticket, int sequence, TimeSpan delay);
}

/// <summary>How a writer's emails survive a crash between its commit and the dispatch queue (see <see cref="TicketCommitter"/>).</summary>
internal enum OutboxSafety
{
    /// <summary>The writer's trigger is delivered again after a crash and repairs it.</summary>
    Redelivery,

    /// <summary>Nothing comes back after a crash: a delayed message per new outbox row is queued before the commit.</summary>
    DelayedMessage,
}
