using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Functions.Api.Dtos;

namespace ServerlessSupport.Functions.Api;

/// <summary>GET /api/intake-records?max=100: quarantined payloads, poison messages and unthreaded automatic mail, newest first.</summary>
internal sealed class IntakeRecordsFunction(IIntakeRecords records, AgentGate gate)
{
    public const int MaxRecords = 1000;

    [Function("IntakeRecords")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "intake-records")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "IntakeRecords", _ => HandleAsync(request.HttpContext, cancellationToken), cancellationToken);

    private async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var max = 100;
        if (context.Request.Query["max"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxRecords))
        {
            return ApiResults.BadRequest($"max must be a number from 1 to {MaxRecords}.");
        }

        var list = await records.ListAsync(max, cancellationToken);
        return ApiResults.Ok(new IntakeRecordsResponse([.. list.Select(Dto)]));
    }

    public static IntakeRecordDto Dto(IntakeRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Kind, r.At, r.Reason, r.Blob, r.From, r.Subject, r.Blob is not null, r.Outcome, r.OutcomeBy, r.OutcomeAt, r.Ticket);
    }
}
