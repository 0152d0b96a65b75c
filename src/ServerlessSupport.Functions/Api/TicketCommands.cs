using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// Runs one agent change: read the ticket, check the version the agent saw (body <c>version</c> or If-Match), compose the
/// commit, commit it under the ticket's ETag, then send its email. A stale version, before or during the commit, answers
/// 409 with the current version; nothing is written then, and nothing is retried: the agent decides again.
/// </summary>
internal sealed partial class TicketCommands(ITicketStore store, TicketCommitter committer, TicketViews views, TimeProvider time, ILogger<TicketCommands> logger)
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

        // An HTTP request is not delivered again after a crash, so the committer queues a delayed safety net first.
        Ticket committed;
        try
        {
            committed = (await committer.CommitAsync(commit, OutboxSafety.DelayedMessage, cancellationToken)).Ticket;
        }
        catch (TicketConflictException)
        {
            return ApiResults.Conflict((await store.GetAsync(id, cancellationToken))?.Version);
        }

        foreach (var evt in commit.Events)
        {
            LogChanged(logger, id.ToString(), evt.Kind, evt.Actor);
        }

        return ApiResults.Ok(await views.DetailAsync(committed, cancellationToken));
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Ticket {Ticket}: {Kind} by {Agent}")]
    private static partial void LogChanged(ILogger logger, string ticket, string kind, string agent);
}
