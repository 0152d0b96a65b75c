using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Agents;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// POST /api/tickets/{id}/replies: a public reply (message, event, outbox email to the customer; the first-response and
/// next-update clocks stop) or an internal note (message and event, no mail). Answers the updated ticket detail.
/// </summary>
internal sealed class ReplyToTicketFunction(TicketCommands commands, AgentActions actions, AgentGate gate)
{
    [Function("ReplyToTicket")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tickets/{id}/replies")] HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "ReplyToTicket", _ => HandleAsync(request.HttpContext, id, cancellationToken), cancellationToken);

    private async Task<IResult> HandleAsync(HttpContext context, string? routeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ApiNames.TryParseId(routeId, out var id))
        {
            return ApiResults.TicketNotFound(routeId);
        }

        var (request, error) = await JsonRequestBody.ReadAsync(context.Request, ApiJsonContext.Default.ReplyRequest, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var text = request!.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return ApiResults.BadRequest("text is required.");
        }

        if (text.Length > AgentActions.MaxTextLength)
        {
            return ApiResults.BadRequest($"text must be at most {AgentActions.MaxTextLength} characters.");
        }

        var agent = context.GetAgent().Name;
        var isPublic = request.Public ?? false;
        return await commands.ApplyAsync(context, id, request.Version, (ticket, now) => actions.Reply(ticket, agent, text, isPublic, now), cancellationToken);
    }
}
