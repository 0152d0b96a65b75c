using ServerlessSupport.Core.Agents;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// POST /api/tickets/{id}/replies: a public reply (message, event, outbox email to the customer; the first-response and
/// next-update clocks stop) or an internal note (message and event, no mail). Answers the updated ticket detail.
/// </summary>
internal sealed class ReplyToTicketFunction(TicketCommands commands, AgentActions actions) : IHttpFunction
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ApiNames.TryParseId(context, out var id))
        {
            return ApiResults.TicketNotFound(context.Request.RouteValues["id"] as string);
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
