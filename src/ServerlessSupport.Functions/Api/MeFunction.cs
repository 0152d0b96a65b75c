using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Functions.Api.Dtos;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// GET /api/me: who the key belongs to (the dashboard's sign-in check), the languages offered to customers, and the
/// agent's address and notifications (read fresh; an agent without a profile sees the defaults, and nothing is written).
/// </summary>
internal sealed class MeFunction(AgentGate gate, IAgentDirectory directory, SupportPolicy policy)
{
    [Function("Me")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(
            request,
            "Me",
            async agent => ApiResults.Ok(MeResponse.From(agent.Name, policy.Languages.Offered, await directory.GetAsync(agent.Name, cancellationToken))),
            cancellationToken);
}
