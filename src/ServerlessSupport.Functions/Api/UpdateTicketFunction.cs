using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// PATCH /api/tickets/{id}: status, priority, assignee and language in one commit with an event per change; the clocks
/// re-plan (pending pauses them, solving schedules the check-back, a new priority moves every deadline).
/// </summary>
internal sealed class UpdateTicketFunction(TicketCommands commands, AgentActions actions, AgentGate gate, SupportPolicy policy, IAgentDirectory agents)
{
    [Function("UpdateTicket")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "tickets/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "UpdateTicket", _ => HandleAsync(request.HttpContext, id, cancellationToken), cancellationToken);

    private async Task<IResult> HandleAsync(HttpContext context, string? routeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ApiNames.TryParseId(routeId, out var id))
        {
            return ApiResults.TicketNotFound(routeId);
        }

        var (request, error) = await JsonRequestBody.ReadAsync(context.Request, ApiJsonContext.Default.UpdateTicketRequest, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        TicketStatus? status = null;
        if (request!.Status is not null)
        {
            if (!ApiNames.TryParse<TicketStatus>(request.Status, out var parsed))
            {
                return ApiResults.BadRequest(ApiNames.MustBeOneOf<TicketStatus>("status"));
            }

            status = parsed;
        }

        Priority? priority = null;
        if (request.Priority is not null)
        {
            if (!ApiNames.TryParse<Priority>(request.Priority, out var parsed))
            {
                return ApiResults.BadRequest(ApiNames.MustBeOneOf<Priority>("priority"));
            }

            priority = parsed;
        }

        if (request.Assignee is { } assignee && (assignee.Trim().Length > AgentActions.MaxAssigneeLength || assignee.Any(char.IsControl)))
        {
            return ApiResults.BadRequest($"assignee must be at most {AgentActions.MaxAssigneeLength} characters on one line.");
        }

        if (request.Language is { } language && !policy.Languages.Offers(language))
        {
            return ApiResults.BadRequest($"language must be one of {string.Join(", ", policy.Languages.Offered)}");
        }

        var change = new TicketChange(status, priority, request.Assignee, request.Language);
        var agent = context.GetAgent().Name;
        // A new assignee who asked is told by email (the directory's cached list: no storage call in the usual case).
        var roster = request.Assignee is null ? null : new AgentRoster(await agents.ListAsync(cancellationToken));
        return await commands.ApplyAsync(context, id, request.Version, (ticket, now) => actions.Change(ticket, agent, change, now, roster), cancellationToken);
    }
}
