using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Functions.Api.Dtos;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// PATCH /api/me <c>{email?, notify?: {newTickets?, customerReplies?, assignments?}}</c>: changes only what is given
/// on the key's agent's profile (creating it on first use) and answers like GET /api/me.
/// </summary>
internal sealed class UpdateMeFunction(AgentGate gate, IAgentDirectory directory, SupportIdentity support, SupportPolicy policy)
{
    [Function("UpdateMe")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "me")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "UpdateMe", agent => HandleAsync(request, agent, cancellationToken), cancellationToken);

    private async Task<IResult> HandleAsync(HttpRequest http, AgentIdentity agent, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonRequestBody.ReadAsync(http, ApiJsonContext.Default.UpdateMeRequest, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        string? email = null;
        if (request!.HasEmail && !AgentEmailAddress.TryNormalize(request.Email, support.Address, out email, out var problem))
        {
            return ApiResults.BadRequest(problem);
        }

        // Read, merge, save: two PATCHes of one agent at the same moment may each keep only their own fields, which an
        // agent editing their own profile does not do; the Id is safe either way (the directory saves under the ETag).
        var current = await directory.GetAsync(agent.Name, cancellationToken);
        var notify = current?.Notify ?? AgentNotifications.Default;
        if (request.Notify is { } changes)
        {
            notify = new AgentNotifications(
                changes.NewTickets ?? notify.NewTickets,
                changes.CustomerReplies ?? notify.CustomerReplies,
                changes.Assignments ?? notify.Assignments);
        }

        var saved = await directory.SaveAsync(agent.Name, request.HasEmail ? email : current?.Email, notify, cancellationToken);
        return ApiResults.Ok(MeResponse.From(agent.Name, policy.Languages.Offered, saved));
    }
}
