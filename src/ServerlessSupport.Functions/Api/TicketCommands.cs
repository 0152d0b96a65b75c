using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// Runs one agent change: read the ticket, check the version the agent saw (body <c>version</c> or If-Match), compose the
/// commit, commit it under the ticket's ETag, then hand its outbox rows to DispatchEmail. A stale version, before or
/// during the commit, answers 409 with the current version; nothing is written then.
/// </summary>
internal sealed partial class TicketCommands(ITicketStore store, IDispatchQueue dispatch, TicketViews views, TimeProvider time, IOptions<DispatchOptions> dispatchOptions, ILogger<TicketCommands> logger)
{

    public async Task<IResult> ApplyAsync(HttpContext context, TicketId id, string? bodyVersion, Func<Ticket, DateTimeOffset, TicketCommit?> compose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(compose);
        var version = string.IsNullOrWhiteSpace(bodyVersion) ? context.Request.Headers.IfMatch.ToString().Trim() : bodyVersion.Trim();
        if (version.Length == 0)
        {
            return ApiResults.BadRequest("version is required: send the ticket's version from GET /api/tickets/{id} (or an If-Match header).");
        }

        var ticket = await store.GetAsync(id, cancellationToken);
        if (ticket is null)
        {
            return ApiResults.TicketNotFound(id.ToString());
        }

        if (!string.Equals(ticket.Version, version, StringComparison.Ordinal))
        {
            return ApiResults.Conflict(ticket.Version);
        }

        var commit = compose(ticket, time.GetUtcNow());
        if (commit is null)
        {
            return ApiResults.Ok(await views.DetailAsync(ticket, cancellationToken));
        }

        // A safety net queued before the commit: if the process dies (or the queue fails) after the commit, this delayed
        // message still gets the email sent; DispatchEmail finds no row if the commit never happened, and sends a row once.
        foreach (var item in commit.Outbox.Where(o => o.Version is null))
        {
            await dispatch.EnqueueAsync(id, item.Sequence, dispatchOptions.Value.ClaimDuration, cancellationToken);
        }

        Ticket committed;
        try
        {
            committed = await store.CommitAsync(commit, cancellationToken);
        }
        catch (TicketConflictException)
        {
            return ApiResults.Conflict((await store.GetAsync(id, cancellationToken))?.Version);
        }

        foreach (var item in commit.Outbox)
        {
            try
            {
                await dispatch.EnqueueAsync(id, item.Sequence, null, cancellationToken);
            }
            catch (Exception ex) when (StorageFaults.IsStorageFault(ex, cancellationToken))
            {
                // The change is committed and answering 5xx would invite a duplicate reply; the safety net sends it shortly.
                LogEnqueueFailed(logger, ex, id.ToString(), item.Sequence);
            }
        }

        foreach (var evt in commit.Events)
        {
            LogChanged(logger, id.ToString(), evt.Kind, evt.Actor);
        }

        return ApiResults.Ok(await views.DetailAsync(committed, cancellationToken));
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Ticket {Ticket}: {Kind} by {Agent}")]
    private static partial void LogChanged(ILogger logger, string ticket, string kind, string agent);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error, Message = "Ticket {Ticket}: outbox row {Sequence} is committed but could not be queued for dispatch")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, string ticket, int sequence);
}
