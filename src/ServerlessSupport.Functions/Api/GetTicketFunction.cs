using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Functions.Api;

/// <summary>GET /api/tickets/{id}: the ticket with its messages, events and outbox; 404 for an unknown or malformed id.</summary>
internal sealed class GetTicketFunction(ITicketStore store, TicketViews views, AgentGate gate)
{
    [Function("GetTicket")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tickets/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "GetTicket", _ => HandleAsync(id, cancellationToken), cancellationToken);

    private async Task<IResult> HandleAsync(string? routeId, CancellationToken cancellationToken)
    {
        if (!ApiNames.TryParseId(routeId, out var id) || await store.GetAsync(id, cancellationToken) is not { } ticket)
        {
            return ApiResults.TicketNotFound(routeId);
        }

        return ApiResults.Ok(await views.DetailAsync(ticket, cancellationToken));
    }
}
