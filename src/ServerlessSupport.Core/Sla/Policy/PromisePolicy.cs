namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// How promises to customers are kept (docs/policy.md, "promises"): the assignee is reminded <see cref="RemindBefore"/>
/// a promise's date; a broken one gets the customer an apology (<see cref="Apology"/>) naming a new date, the team's
/// estimate when no agent named one: the <see cref="EstimatePercentile"/>th percentile of the priority's resolution times
/// over the last <see cref="EstimateWindowDays"/> days, once there are <see cref="EstimateMinimumSamples"/> of them, else
/// the resolution target.
/// </summary>
internal sealed record PromisePolicy(TimeSpan RemindBefore, bool Apology, int EstimatePercentile, int EstimateWindowDays, int EstimateMinimumSamples)
{
    public static PromisePolicy Default { get; } = new(TimeSpan.FromHours(1), true, 80, 30, 10);
}
