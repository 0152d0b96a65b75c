using ServerlessSupport.Core.Sla.Policy;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// One target's running clock, stopped while the ticket waits on the customer. Immutable: the ticket stores
/// <see cref="StartedAt"/>, <see cref="PausedTime"/> and <see cref="PausedSince"/> and rebuilds the clock.
/// <see cref="PausedTime"/> is counted on the target's own clock (business time on a business clock) when the pause ends;
/// after a priority change it is carried over as it is, even if the new target counts on another calendar.
/// </summary>
internal sealed record SlaClock(DateTimeOffset StartedAt, TimeSpan PausedTime, DateTimeOffset? PausedSince)
{
    public static SlaClock Start(DateTimeOffset at) => new(at, TimeSpan.Zero, null);

    public bool IsPaused => PausedSince is not null;

    /// <summary>Stops the clock (ticket pending on the customer). Pausing a paused clock changes nothing.</summary>
    public SlaClock Pause(DateTimeOffset at) => IsPaused ? this : this with { PausedSince = Max(at, StartedAt) };

    /// <summary>Restarts the clock; the paused stretch, counted on <paramref name="spec"/>'s clock, moves the deadline out.</summary>
    public SlaClock Resume(DateTimeOffset at, SlaTargetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (PausedSince is not { } since)
        {
            return this;
        }

        return this with { PausedTime = PausedTime + spec.Measure(since, Max(at, since)), PausedSince = null };
    }

    /// <summary>The deadline: start + target + paused time on the target's clock; null while paused (the clock is stopped).</summary>
    public DateTimeOffset? DueAt(SlaTargetSpec spec) => DueAt(spec, 100);

    /// <summary>When <paramref name="percent"/> % of the target will be used up; null while paused.</summary>
    public DateTimeOffset? DueAt(SlaTargetSpec spec, int percent)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return IsPaused ? null : spec.Add(StartedAt, spec.Scaled(percent) + PausedTime);
    }

    /// <summary>
    /// The deadline after a priority change: from the original start with the new target, keeping the paused time.
    /// Null while paused.
    /// </summary>
    public DateTimeOffset? Recompute(SlaTargetSpec newSpec) => DueAt(newSpec);

    /// <summary>Target time used so far (pauses excluded, including a pause still running at <paramref name="now"/>).</summary>
    public TimeSpan Elapsed(SlaTargetSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var running = PausedSince is { } since ? spec.Measure(since, Max(now, since)) : TimeSpan.Zero;
        return spec.Measure(StartedAt, now) - PausedTime - running;
    }

    /// <summary>Percentage of the target used so far; above 100 once overdue.</summary>
    public double PercentElapsed(SlaTargetSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Duration <= TimeSpan.Zero ? 100 : Elapsed(spec, now) / spec.Duration * 100;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
