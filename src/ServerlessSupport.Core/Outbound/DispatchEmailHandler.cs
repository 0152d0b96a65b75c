using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Outbound;

/// <summary>
/// DispatchEmail, the queue path of sending: an outbox row the commit that wrote it could not send (the provider was slow
/// or refusing), a retry, or a row a crashed run left pending. The row is claimed (ETag-guarded) before the provider is
/// called, so two deliveries of the same queue message, or two messages for one row, send once; then the one dispatch
/// step (<see cref="TicketCommitter.DispatchAsync"/>) sends and settles it.
/// </summary>
internal sealed partial class DispatchEmailHandler(
    ITicketStore tickets,
    TicketCommitter committer,
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

        await committer.DispatchAsync(claimed, cancellationToken);
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Nothing to send for {Ticket}/out-{Sequence}: row is {State}")]
    private static partial void LogNothingToSend(ILogger logger, string ticket, int sequence, string state);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Another dispatcher claimed {Ticket}/out-{Sequence} first")]
    private static partial void LogLostClaim(ILogger logger, string ticket, int sequence);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Dispatch request names no valid ticket: {Ticket}/out-{Sequence}")]
    private static partial void LogBadRequest(ILogger logger, string ticket, int sequence);
}
