using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Outbound;

/// <summary>
/// Sends one outbox row. The row is claimed (ETag-guarded) before the provider is called, so two deliveries of the same
/// queue message, or two rows' worth of queue messages, send once; only a crash between the send and the mark can send
/// twice, and then only after the claim has expired.
/// </summary>
internal sealed partial class DispatchEmailHandler(
    ITicketStore tickets,
    TicketCommitter committer,
    IEmailSender sender,
    IDispatchQueue queue,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<DispatchEmailHandler> logger)
{
    private readonly DispatchOptions _options = options.Value;

    public async Task HandleAsync(DispatchRequest request, CancellationToken cancellationToken)
    {
        if (!TicketId.TryParse(request.Ticket, out var ticketId))
        {
            LogBadRequest(logger, request.Ticket, request.Outbox);
            return;
        }

        var item = await tickets.GetOutboxAsync(ticketId, request.Outbox, cancellationToken);
        if (item is null || item.State != OutboxState.Pending)
        {
            LogNothingToSend(logger, request.Ticket, request.Outbox, item?.State.ToString() ?? "missing");
            return;
        }

        var now = time.GetUtcNow();
        if (item.ClaimedUntil is { } claimedUntil && claimedUntil > now)
        {
            // Someone is sending it right now (or crashed doing so): look again once the claim has run out.
            await queue.EnqueueAsync(ticketId, item.Sequence, claimedUntil - now + TimeSpan.FromSeconds(1), cancellationToken);
            return;
        }

        var claimed = await tickets.TryUpdateOutboxAsync(item with { ClaimedUntil = now + _options.ClaimDuration, Attempts = item.Attempts + 1 }, cancellationToken);
        if (claimed is null)
        {
            // Another dispatcher holds it — or our own claim landed and only its answer was lost. Either way, look again
            // once any claim has run out, so the row cannot be stranded as claimed with no queue message left.
            LogLostClaim(logger, request.Ticket, request.Outbox);
            await queue.EnqueueAsync(ticketId, item.Sequence, _options.ClaimDuration + TimeSpan.FromSeconds(1), cancellationToken);
            return;
        }

        var result = await sender.SendAsync(claimed.Email, cancellationToken);
        switch (result)
        {
            case SendResult.Sent sent:
                await MarkSentAsync(claimed, sent, cancellationToken);
                break;
            case SendResult.RetryLater retry when claimed.Attempts < _options.MaxAttempts:
                await ScheduleRetryAsync(claimed, retry, cancellationToken);
                break;
            case SendResult.RetryLater retry:
                await MarkFailedAsync(claimed, $"gave up after {claimed.Attempts} attempts: {retry.Reason}", cancellationToken);
                break;
            case SendResult.Rejected rejected:
                await MarkFailedAsync(claimed, $"rejected ({rejected.Status}): {rejected.Reason}", cancellationToken);
                break;
        }
    }

    private async Task MarkSentAsync(OutboxItem item, SendResult.Sent sent, CancellationToken cancellationToken)
    {
        var done = item with
        {
            State = OutboxState.Sent,
            SentAt = time.GetUtcNow(),
            ProviderMessageId = sent.ProviderMessageId,
            ClaimedUntil = null,
            Error = null,
        };

        // We hold the claim, so nobody else writes the row; a failure here is a storage fault and the queue retries.
        if (await tickets.TryUpdateOutboxAsync(done, cancellationToken) is null)
        {
            throw new TicketConflictException($"Outbox row {item.TicketId}/{item.RowKey} changed while it was claimed.");
        }

        SupportTelemetry.EmailSent(done, done.SentAt!.Value);
        LogSent(logger, item.TicketId.ToString(), item.Sequence, item.Kind, sent.ProviderMessageId);
    }

    private async Task ScheduleRetryAsync(OutboxItem item, SendResult.RetryLater retry, CancellationToken cancellationToken)
    {
        var backoff = Backoff(item.Attempts);
        var delay = retry.After is { } after && after > backoff ? after : backoff;

        // Enqueue before releasing the claim: if we crash in between, the claim expires and the redelivered message retries.
        await queue.EnqueueAsync(item.TicketId, item.Sequence, delay, cancellationToken);
        await tickets.TryUpdateOutboxAsync(item with { ClaimedUntil = null, Error = retry.Reason }, cancellationToken);
        LogRetry(logger, item.TicketId.ToString(), item.Sequence, item.Attempts, delay, retry.Reason);
    }

    private async Task MarkFailedAsync(OutboxItem item, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var ticket = await tickets.GetAsync(item.TicketId, cancellationToken)
                ?? throw new InvalidOperationException($"Ticket {item.TicketId} of outbox row {item.RowKey} does not exist.");
            var current = await tickets.GetOutboxAsync(item.TicketId, item.Sequence, cancellationToken);
            if (current is null || current.State != OutboxState.Pending)
            {
                return;
            }

            var commit = new TicketCommitBuilder(ticket, time.GetUtcNow())
                .Event(TicketEventKinds.EmailFailed, "system", $"{item.Kind} email {item.RowKey} to {string.Join(", ", item.Email.To.Select(t => t.Address))} failed: {reason}")
                .Update(current with { State = OutboxState.Failed, Error = reason, ClaimedUntil = null })
                .Build();

            try
            {
                await committer.CommitAsync(commit, OutboxSafety.Redelivery, cancellationToken);
                LogFailed(logger, item.TicketId.ToString(), item.Sequence, reason);
                return;
            }
            catch (TicketConflictException)
            {
                // The ticket moved on meanwhile; read it again and record the failure on the new version.
            }
        }

        throw new TicketConflictException($"Could not record the failure of {item.TicketId}/{item.RowKey}: the ticket kept changing.");
    }

    private TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.FirstRetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks));
        return delay;
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Sent {Kind} email {Ticket}/out-{Sequence} (provider id {ProviderMessageId})")]
    private static partial void LogSent(ILogger logger, string ticket, int sequence, string kind, string? providerMessageId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Email {Ticket}/out-{Sequence} not sent on attempt {Attempts}; retrying in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string ticket, int sequence, int attempts, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Email {Ticket}/out-{Sequence} failed for good: {Reason}")]
    private static partial void LogFailed(ILogger logger, string ticket, int sequence, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Nothing to send for {Ticket}/out-{Sequence}: row is {State}")]
    private static partial void LogNothingToSend(ILogger logger, string ticket, int sequence, string state);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Another dispatcher claimed {Ticket}/out-{Sequence} first")]
    private static partial void LogLostClaim(ILogger logger, string ticket, int sequence);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Dispatch request names no valid ticket: {Ticket}/out-{Sequence}")]
    private static partial void LogBadRequest(ILogger logger, string ticket, int sequence);
}
