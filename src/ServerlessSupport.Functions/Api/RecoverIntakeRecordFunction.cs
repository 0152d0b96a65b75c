using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Intake;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// POST /api/intake-records/{id}/recover: turns a set-aside record's email into a ticket message (a new ticket, or the
/// ticket it threads to) as if a person wrote it, once: clicking twice answers the same ticket. 422 when no readable
/// email was kept (dismiss it instead).
/// </summary>
internal sealed class RecoverIntakeRecordFunction(IntakeRecoveryHandler recovery, AgentGate gate)
{
    [Function("RecoverIntakeRecord")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intake-records/{id}/recover")] HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "RecoverIntakeRecord", async agent => IntakeDecisionResults.From(await recovery.RecoverAsync(id, agent.Name, cancellationToken), id), cancellationToken);
}
