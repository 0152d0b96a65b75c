using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Intake;

namespace ServerlessSupport.Functions.Api;

/// <summary>POST /api/intake-records/{id}/dismiss: records that an agent looked at it and nothing is to be done; 409 once recovered.</summary>
internal sealed class DismissIntakeRecordFunction(IntakeRecoveryHandler recovery, AgentGate gate)
{
    [Function("DismissIntakeRecord")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intake-records/{id}/dismiss")] HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "DismissIntakeRecord", async agent => IntakeDecisionResults.From(await recovery.DismissAsync(id, agent.Name, cancellationToken), id), cancellationToken);
}
