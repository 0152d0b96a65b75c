using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Outbound;

/// <summary>
/// The one dispatch step: sends an outbox row whose claim the caller holds (the commit that wrote it, or DispatchEmail)
/// and settles it. Accepted → marked Sent under the claim's version. Refused for now (429, 5xx, a timeout) → handed to
/// queue <c>outbound</c> with the backoff, then the claim released. Slower than the caller's budget → handed to the
/// queue for when the claim runs out (whether the provider took it is unknown, so the row stays claimed). Refused for
/// good, or out of attempts → the reason is returned for the caller to record on the ticket.
/// </summary>
internal sealed partial class OutboxDispatcher(
    ITicketStore tickets,
    IEmailSender sender,
    IDispatchQueue queue,
    TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    private readonly DispatchOptions _options = options.Value;

    /// <param name="budget">How long the provider may take before the row goes to the queue instead (null: its own timeout).</param>
    /// <returns>Null when settled; the reason when the email failed for good and the failure must be recorded.</returns>
    public async Task<string?> SendClaimedAsync(OutboxItem claimed, TimeSpan? budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);

        // One span per email sent, under whatever committed it (ProcessInbound, a sweep, an agent's request) or DispatchEmail.
        using var activity = SupportTelemetry.Source.StartActivity("SendEmail");
        activity?.SetTag("support.ticket", claimed.TicketId.ToString());
        activity?.SetTag("support.outbox", claimed.Sequence);
        activity?.SetTag("support.email.kind", claimed.Kind);
        SendResult result;
        using (var slow = budget is { } limit ? new CancellationTokenSource(limit, time) : new CancellationTokenSource())
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, slow.Token))
        {
            try
            {
                result = await sender.SendAsync(claimed.Email, linked.Token);
            }
            catch (OperationCanceledException) when (slow.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The provider may still take it: leave the row claimed and look again when the claim has run out.
                var wait = (claimed.ClaimedUntil ?? time.GetUtcNow()) - time.GetUtcNow() + TimeSpan.FromSeconds(1);
                await queue.EnqueueAsync(claimed.TicketId, claimed.Sequence, wait, cancellationToken);
                LogSlow(logger, claimed.TicketId.ToString(), claimed.Sequence, budget!.Value, wait);
                return null;
            }
        }

        switch (result)
        {
            case SendResult.Sent sent:
                await MarkSentAsync(claimed, sent, cancellationToken);
                return null;
            case SendResult.RetryLater retry when claimed.Attempts < _options.MaxAttempts:
                await ScheduleRetryAsync(claimed, retry, cancellationToken);
                return null;
            case SendResult.RetryLater retry:
                return $"gave up after {claimed.Attempts} attempts: {retry.Reason}";
            case SendResult.Rejected rejected:
                return $"rejected ({rejected.Status}): {rejected.Reason}";
            default:
                throw new InvalidOperationException($"Unknown send result {result}.");
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

        // We hold the claim, so nobody else writes the row; a failure here is a storage fault and the caller's trigger retries.
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

        // Queued before the claim is released: a crash in between leaves the claim to expire, and the message retries.
        await queue.EnqueueAsync(item.TicketId, item.Sequence, delay, cancellationToken);
        await tickets.TryUpdateOutboxAsync(item with { ClaimedUntil = null, Error = retry.Reason }, cancellationToken);
        LogRetry(logger, item.TicketId.ToString(), item.Sequence, item.Attempts, delay, retry.Reason);
    }

    private TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 16));
        return TimeSpan.FromTicks((long)Math.Min(_options.FirstRetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks));
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Sent {Kind} email {Ticket}/out-{Sequence} (provider id {ProviderMessageId})")]
    private static partial void LogSent(ILogger logger, string ticket, int sequence, string kind, string? providerMessageId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Email {Ticket}/out-{Sequence} not sent on attempt {Attempts}; retrying in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string ticket, int sequence, int attempts, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Email {Ticket}/out-{Sequence}: no answer from the provider within {Budget}; queued to look again in {Wait}")]
    private static partial void LogSlow(ILogger logger, string ticket, int sequence, TimeSpan budget, TimeSpan wait);
}
