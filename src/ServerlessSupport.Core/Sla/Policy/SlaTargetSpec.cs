using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// A target's length and how it is counted. On a calendar clock every hour counts and <see cref="Calendar"/> is
/// <see cref="BusinessCalendar.AlwaysOpen"/>; on a business clock only the calendar's open hours count.
/// </summary>
internal sealed record SlaTargetSpec(TimeSpan Duration, ClockKind Clock, BusinessCalendar Calendar)
{
    public static SlaTargetSpec CalendarTime(TimeSpan duration) => new(duration, ClockKind.Calendar, BusinessCalendar.AlwaysOpen);

    public static SlaTargetSpec BusinessTime(TimeSpan duration, BusinessCalendar calendar) => new(duration, ClockKind.Business, calendar);

    /// <summary>When the target is due for work that started at <paramref name="start"/>.</summary>
    public DateTimeOffset DueFrom(DateTimeOffset start) => Add(start, Duration);

    /// <summary>When <paramref name="percent"/> % of the target has been used (escalation levels).</summary>
    public DateTimeOffset DueAtPercent(DateTimeOffset start, int percent) => Add(start, Scaled(percent));

    /// <summary>Time counted by this target's clock from <paramref name="start"/> to <paramref name="now"/> (negative if before).</summary>
    public TimeSpan Elapsed(DateTimeOffset start, DateTimeOffset now) => Measure(start, now);

    /// <summary>Adds time counted by this target's clock.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan time) =>
        Clock == ClockKind.Calendar ? (start + time).ToUniversalTime() : Calendar.Add(start, time);

    /// <summary>Time counted by this target's clock between two instants (signed).</summary>
    public TimeSpan Measure(DateTimeOffset from, DateTimeOffset to) =>
        Clock == ClockKind.Calendar ? to - from : Calendar.Measure(from, to);

    /// <summary><paramref name="percent"/> % of <see cref="Duration"/>, exact to the tick (rounded down).</summary>
    public TimeSpan Scaled(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        return TimeSpan.FromTicks((long)((Int128)Duration.Ticks * percent / 100));
    }

    public override string ToString() =>
        Clock == ClockKind.Calendar
            ? $"{PolicyDuration.Format(Duration)} calendar"
            : $"{PolicyDuration.Format(Duration, useDays: false)} business ({Calendar.Name})";
}
