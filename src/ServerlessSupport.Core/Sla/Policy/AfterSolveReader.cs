using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The <c>afterSolve</c> section: the check-back with its survey, and the close. Left out: neither.</summary>
internal sealed class AfterSolveReader(PolicyReading reading)
{
    public AfterSolvePolicy? Read(AfterSolveDocument? afterSolve)
    {
        if (afterSolve is null)
        {
            return null;
        }

        var checkBack = reading.Duration("afterSolve.checkBackAfter", afterSolve.CheckBackAfter);
        var tokenLifetime = reading.Duration("afterSolve.surveyTokenLifetime", afterSolve.SurveyTokenLifetime);
        var closeAfter = reading.Duration("afterSolve.closeAfter", afterSolve.CloseAfter, required: false);
        if (checkBack is { } c && closeAfter is { } close && close <= c)
        {
            reading.Error("afterSolve.closeAfter", $"must be later than checkBackAfter ({PolicyDuration.Format(c)})");
        }

        return checkBack is { } check && tokenLifetime is { } lifetime ? new AfterSolvePolicy(check, lifetime, closeAfter) : null;
    }
}
