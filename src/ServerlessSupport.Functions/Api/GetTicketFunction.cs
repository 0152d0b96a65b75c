using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Api;

/// <summary>GET /api/tickets/{id}: the ticket with its messages, events and outbox; 404 for an unknown or malformed id.</summary>
internal sealed class GetTicketFunction(ITicketStore store, TicketViews views) : IHttpFunction
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!ApiNames.TryParseId(context, out var id) || await store.GetAsync(id, cancellationToken) is not { } ticket)
        {
            return ApiResults.TicketNotFound(context.Request.RouteValues["id"] as string);
        }

        return ApiResults.Ok(await views.DetailAsync(ticket, cancellationToken));
    }
}
