using ServerlessSupport.Core.Intake;

namespace ServerlessSupport.Functions.Api;

/// <summary>The answer of a recover or dismiss: the record as it now stands, or why nothing was done.</summary>
internal static class IntakeDecisionResults
{
    public static IResult From(RecordDecision decision, string? id) => decision.Status switch
    {
        RecordDecisionStatus.Done => ApiResults.Ok(IntakeRecordsFunction.Dto(decision.Record!)),
        RecordDecisionStatus.NotFound => ApiResults.Error(StatusCodes.Status404NotFound, $"There is no intake record '{id}'."),
        RecordDecisionStatus.Conflict => ApiResults.Error(StatusCodes.Status409Conflict, $"Intake record {id} cannot be dismissed: {decision.Problem}."),
        _ => ApiResults.Error(StatusCodes.Status422UnprocessableEntity, $"Intake record {id} cannot be recovered: {decision.Problem}. Dismiss it instead."),
    };
}
