using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Tickets;

/// <summary>
/// The one way a change reaches a ticket and its emails reach the customer: read, decide, commit, retry on a conflict
/// (<see cref="ChangeAsync"/>, one limit for every writer), then send. The commit claims every new email it writes, so
/// right after it the emails are sent here (<see cref="OutboxDispatcher"/>) without another storage call; only when the
/// provider is slow or refusing for now does a row go to queue <c>outbound</c>, whose backoff takes over. Every writer
/// (ProcessInbound, the sweeps, the agents' commands, the survey, dispatch itself) goes through here, so "committed but
/// not sent" has one repair everywhere:
/// <list type="bullet">
/// <item>A writer whose trigger comes back when it fails (a queue message, a due row deleted only after the action) uses
/// <see cref="OutboxSafety.Redelivery"/>: the trigger is settled only after the emails are sent or queued, and a
/// redelivered run finds the change committed (its marker exists, or nothing is due any more) and calls
/// <see cref="RedispatchPendingAsync"/>.</item>
/// <item>A writer whose trigger does not come back (an HTTP request) uses <see cref="OutboxSafety.DelayedMessage"/>: a
/// delayed queue message per new row goes out before the commit, due when the commit's claim runs out, so a crash after
/// the commit still sends the email.</item>
/// </list>
/// A row is sent once: whoever sends it holds its claim, and DispatchEmail skips rows that are not pending or are claimed.
/// Only a crash between the provider's acceptance and the mark can send it twice, after the claim has run out.
/// </summary>
internal sealed partial class TicketCommitter(
    ITicketStore tickets,
    IDispatchQueue dispatch,
    OutboxDispatcher dispatcher,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<TicketCommitter> logger)
{
    /// <summary>How many times a writer reads and decides again after another writer changed the ticket first.</summary>
    public const int MaxAttempts = 8;

    private readonly DispatchOptions _options = options.Value;

    /// <summary>
    /// Reads the ticket, lets <paramref name="decide"/> build the change from it (null: nothing to write), commits and sends;
    /// when another writer changed the ticket meanwhile, reads and decides again, up to <see cref="MaxAttempts"/> times.
    /// </summary>
    /// <param name="decide">Given the ticket as read (null when it does not exist) and the attempt number (0 first).</param>
    /// <param name="read">What the caller already read for the first attempt, to spare that read.</param>
    /// <returns>The committed change, or null when <paramref name="decide"/> had nothing to write.</returns>
    public async Task<CommittedChange?> ChangeAsync(
        TicketId id,
        Func<Ticket?, int, ValueTask<TicketCommit?>> decide,
        OutboxSafety safety,
        CancellationToken cancellationToken,
        FirstRead? read = null)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var ticket = attempt == 0 && read is { } first ? first.Ticket : await tickets.GetAsync(id, cancellationToken);
            if (await decide(ticket, attempt) is not { } commit)
            {
                return null;
            }

            try
            {
                return await CommitAsync(commit, safety, cancellationToken);
            }
            catch (TicketConflictException)
            {
                // Changed meanwhile: read again and decide again.
            }
        }

        throw new TicketConflictException($"Ticket {id} kept changing through {MaxAttempts} attempts; the trigger retries.");
    }

    /// <summary>Commits once (a conflict propagates: see <see cref="ITicketStore.CommitAsync"/>), then sends the commit's new emails.</summary>
    public async Task<CommittedChange> CommitAsync(TicketCommit commit, OutboxSafety safety, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var claimedUntil = time.GetUtcNow() + _options.ClaimDuration;

        // The commit claims its new emails: no separate claim call before sending them.
        var claimed = commit with
        {
            Outbox = [.. commit.Outbox.Select(o => IsNewPending(o) ? o with { ClaimedUntil = claimedUntil, Attempts = o.Attempts + 1 } : o)],
        };
        if (safety == OutboxSafety.DelayedMessage)
        {
            // Due when the claim runs out: DispatchEmail then finds the row sent, or sends it if this request died.
            foreach (var item in claimed.Outbox.Where(IsNewPending))
            {
                await dispatch.EnqueueAsync(item.TicketId, item.Sequence, _options.ClaimDuration, cancellationToken);
            }
        }

        var committed = await tickets.CommitAsync(claimed, cancellationToken);
        for (var i = 0; i < committed.Outbox.Count; i++)
        {
            var row = committed.Outbox[i];
            if (row.State != OutboxState.Pending)
            {
                continue;
            }

            if (commit.Outbox[i].Version is null)
            {
                await SendAsync(row, safety, cancellationToken);
            }
            else
            {
                // A pending row this change rewrote: DispatchEmail sends it under its own claim.
                await dispatch.EnqueueAsync(row.TicketId, row.Sequence, null, cancellationToken);
            }
        }

        return committed;
    }

    /// <summary>
    /// Sends a row the caller holds the claim of and records a failure for good on its ticket (the queue path:
    /// DispatchEmail after its claim).
    /// </summary>
    public async Task DispatchAsync(OutboxItem claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        if (await dispatcher.SendClaimedAsync(claimed, null, cancellationToken) is { } reason)
        {
            await RecordFailedAsync(claimed, reason, cancellationToken);
        }
    }

    /// <summary>After a redelivery found its change already committed: queue whatever the earlier run may not have sent.</summary>
    public async Task RedispatchPendingAsync(TicketId ticket, CancellationToken cancellationToken)
    {
        foreach (var item in await tickets.GetPendingOutboxAsync(ticket, cancellationToken))
        {
            await dispatch.EnqueueAsync(ticket, item.Sequence, null, cancellationToken);
        }
    }

    /// <summary>An email this commit adds: the commit claims it and the same step sends it.</summary>
    private static bool IsNewPending(OutboxItem item) => item.Version is null && item.State == OutboxState.Pending;

    private async Task SendAsync(OutboxItem claimed, OutboxSafety safety, CancellationToken cancellationToken)
    {
        string? reason;
        try
        {
            reason = await dispatcher.SendClaimedAsync(claimed, _options.InlineBudget, cancellationToken);
        }
#pragma warning disable CA1031 // A committed change with an unsent email is not a failed change: the row is covered either way.
        catch (Exception ex) when (safety == OutboxSafety.DelayedMessage && !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            // Nothing redelivers an HTTP request; the safety-net message queued before the commit sends the row.
            LogSafetyNetCovers(logger, ex, claimed.TicketId.ToString(), claimed.Sequence, _options.ClaimDuration);
            return;
        }

        if (reason is not null)
        {
            await RecordFailedAsync(claimed, reason, cancellationToken);
        }
    }

    /// <summary>Marks the row failed and records why on its ticket, unless someone settled it meanwhile.</summary>
    private async Task RecordFailedAsync(OutboxItem item, string reason, CancellationToken cancellationToken)
    {
        await ChangeAsync(
            item.TicketId,
            async (ticket, _) =>
            {
                var current = ticket is null ? null : await tickets.GetOutboxAsync(item.TicketId, item.Sequence, cancellationToken);
                return current is null || current.State != OutboxState.Pending
                    ? null
                    : new TicketCommitBuilder(ticket!, time.GetUtcNow())
                        .Event(TicketEventKinds.EmailFailed, "system", $"{item.Kind} email {item.RowKey} to {string.Join(", ", item.Email.To.Select(t => t.Address))} failed: {reason}")
                        .Update(current with { State = OutboxState.Failed, Error = reason, ClaimedUntil = null })
                        .Build();
            },
            OutboxSafety.Redelivery,
            cancellationToken);
        LogFailed(logger, item.TicketId.ToString(), item.Sequence, reason);
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Ticket {Ticket}: change committed but outbox row {Sequence} could not be sent now; its safety-net message sends it in {Delay}")]
    private static partial void LogSafetyNetCovers(ILogger logger, Exception exception, string ticket, int sequence, TimeSpan delay);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Email {Ticket}/out-{Sequence} failed for good: {Reason}")]
    private static partial void LogFailed(ILogger logger, string ticket, int sequence, string reason);
}

/// <summary>How a writer's emails survive a crash between its commit and the provider (see <see cref="TicketCommitter"/>).</summary>
internal enum OutboxSafety
{
    /// <summary>The writer's trigger is delivered again after a crash and repairs it.</summary>
    Redelivery,

    /// <summary>Nothing comes back after a crash: a delayed message per new outbox row is queued before the commit.</summary>
    DelayedMessage,
}

/// <summary>The first attempt's ticket, already read by the caller (null: known not to exist yet).</summary>
internal readonly record struct FirstRead(Ticket? Ticket);
