
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// After a ticket is solved: a check-back with the satisfaction survey after <see cref="CheckBackAfter"/>; the survey links
/// stay valid for <see cref="SurveyTokenLifetime"/>; the ticket closes after <see cref="CloseAfter"/> (null: stays solved).
/// All calendar time, measured from the solve.
/// </summary>
internal sealed record AfterSolvePolicy(TimeSpan CheckBackAfter, TimeSpan SurveyTokenLifetime, TimeSpan? CloseAfter);
