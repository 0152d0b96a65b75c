using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using System.Globalization;
using System.Text.RegularExpressions;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Functions.Api.Dtos;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// POST /api/tickets/{id}/replies: a public reply (message, event, outbox email to the customer; the first-response and
/// next-update clocks stop, open first-response and update promises are kept) or an internal note (message and event, no
/// mail); a public reply may make a promise. Answers the updated ticket detail.
/// </summary>
internal sealed partial class ReplyToTicketFunction(TicketCommands commands, AgentActions actions, AgentGate gate, TimeProvider time)
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
        AgentPromise? promise = null;
        if (request.Promise is { } asked)
        {
            if (ParsePromise(asked, out promise) is { } invalid)
            {
                return ApiResults.BadRequest(invalid);
            }

            if (promise.Problem(isPublic, time.GetUtcNow()) is { } problem)
            {
                return ApiResults.BadRequest(problem);
            }
        }

        return await commands.ApplyAsync(context, id, request.Version, (ticket, now) => actions.Reply(ticket, agent, text, isPublic, now, promise), cancellationToken);
    }

    /// <summary>Null when <paramref name="asked"/> is a promise; else what is wrong with it.</summary>
    private static string? ParsePromise(PromiseRequest asked, out AgentPromise promise)
    {
        promise = null!;
        if (!string.Equals(asked.Kind, "update", StringComparison.OrdinalIgnoreCase) && !string.Equals(asked.Kind, "resolution", StringComparison.OrdinalIgnoreCase))
        {
            return "promise.kind must be update or resolution.";
        }

        // The offset is required: a date without one would be read in the server's zone, not the agent's.
        if (asked.By is null || !WithOffset().IsMatch(asked.By)
            || !DateTimeOffset.TryParse(asked.By, CultureInfo.InvariantCulture, DateTimeStyles.None, out var by))
        {
            return "promise.by must be an ISO 8601 date and time with its offset, such as 2026-12-11T17:00:00+01:00.";
        }

        promise = new AgentPromise(string.Equals(asked.Kind, "update", StringComparison.OrdinalIgnoreCase) ? PromiseKind.Update : PromiseKind.Resolution, by);
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();
}
