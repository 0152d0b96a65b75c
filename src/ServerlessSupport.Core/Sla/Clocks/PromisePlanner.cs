using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// What the acknowledgment promises (docs/policy.md, "realisticPromise"): the first-response target, unless the team's
/// pace for the priority (the policy's percentile over its window, with at least its minimum of samples) is slower than
/// the target; then that pace rounded up to a time a person understands, counted on the target's clock from now. The SLA
/// deadline itself does not move: escalations still follow the target.
/// </summary>
internal static class PromisePlanner
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan HalfHour = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static FirstResponsePromise For(SlaTargetSpec target, Priority priority, DateTimeOffset now, PaceSnapshot? pace, RealisticPromisePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(policy);
        var business = target.Clock == ClockKind.Business && !target.Calendar.IsAlwaysOpen;
        TimeSpan? businessDay = business ? target.Calendar.LongestOpenDay : null;
        if (policy.Enabled
            && pace is not null
            && pace.ByPriority.TryGetValue(priority, out var figure)
            && figure.Samples >= policy.MinimumSamples
            && figure.Percentile > target.Duration)
        {
            var promised = RoundUp(figure.Percentile, businessDay ?? Day);
            return new FirstResponsePromise(
                target.Add(now, promised),
                promised,
                business,
                businessDay,
                new SlowerThanTarget(target.Duration, promised, policy.Percentile, policy.WindowDays, figure.Samples));
        }

        return new FirstResponsePromise(target.DueFrom(now), target.Duration, business, businessDay);
    }

    /// <summary>Up to the next quarter hour (to 1 h), half hour (to 2 h), hour (within a day) or whole <paramref name="day"/>.</summary>
    public static TimeSpan RoundUp(TimeSpan time, TimeSpan day)
    {
        var step = time <= Hour ? Quarter : time <= 2 * Hour ? HalfHour : time < day ? Hour : day;
        var steps = (time.Ticks + step.Ticks - 1) / step.Ticks;
        return TimeSpan.FromTicks(Math.Max(1, steps) * step.Ticks);
    }
}
