using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Functions.Api.Dtos;

namespace ServerlessSupport.Functions.Api;

/// <summary>GET /api/me: who the key belongs to (the dashboard's sign-in check).</summary>
internal sealed class MeFunction(AgentGate gate)
{
    [Function("Me")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "Me", agent => Task.FromResult(ApiResults.Ok(new MeResponse(agent.Name))), cancellationToken);
}
