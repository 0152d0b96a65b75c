using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Functions.Api.Dtos;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// GET /api/tickets: the queue, filtered, sorted by next deadline (soonest first, tickets without one last, then oldest
/// first) and paged. Reads every ticket row matching the status filter, so it suits a desk's working set (see
/// <see cref="TableTicketQueries"/>).
/// </summary>
internal sealed class ListTicketsFunction(TableTicketQueries queries, TicketViews views, TimeProvider time, AgentGate gate)
{
    [Function("ListTickets")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "ListTickets", _ => HandleAsync(request.HttpContext, cancellationToken), cancellationToken);

    private async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!TicketListQuery.TryParse(context.Request.Query, out var query, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        var now = time.GetUtcNow();
        var tickets = await queries.ListAsync(query.Statuses, null, cancellationToken);
        var matching = tickets
            .Where(t => query.Priorities.Count == 0 || query.Priorities.Contains(t.Priority))
            .Where(t => query.MatchesAssignee(t.Assignee))
            .Select(t => views.Summary(t, now))
            .Where(s => query.Risks.Count == 0 || query.Risks.Any(r => ApiNames.Of(r) == s.Risk))
            .OrderBy(s => s.NextDeadline is null ? 1 : 0)
            .ThenBy(s => s.NextDeadline?.DueAt)
            .ThenBy(s => s.CreatedAt)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();

        var page = matching.Skip(query.Offset).Take(query.PageSize).ToList();
        var next = query.Offset + page.Count;
        return ApiResults.Ok(new TicketListResponse(page, next < matching.Count ? TicketListQuery.Encode(next) : null));
    }
}
