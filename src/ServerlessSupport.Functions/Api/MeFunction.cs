using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Functions.Api.Dtos;

namespace ServerlessSupport.Functions.Api;

/// <summary>GET /api/me: who the key belongs to (the dashboard's sign-in check) and the languages offered to customers.</summary>
internal sealed class MeFunction(AgentGate gate, SupportPolicy policy)
{
    [Function("Me")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "Me", agent => Task.FromResult(ApiResults.Ok(new MeResponse(agent.Name, policy.Languages.Offered))), cancellationToken);
}
