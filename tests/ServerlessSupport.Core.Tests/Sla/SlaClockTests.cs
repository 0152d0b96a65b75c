using System.Globalization;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly BusinessCalendar London = CalendarBuilder.London();
    private static readonly SlaTargetSpec NormalResolution = SlaTargetSpec.BusinessTime(TimeSpan.FromHours(40), London);
    private static readonly SlaTargetSpec HighResolution = SlaTargetSpec.BusinessTime(TimeSpan.FromHours(16), London);
    private static readonly DateTimeOffset Monday = At("2026-01-12T09:00:00+00:00");

    [Fact]
    public void DueAt_NoPause_IsStartPlusTarget()
    {
        var clock = SlaClock.Start(Monday);

        Assert.Equal(At("2026-01-16T17:00:00+00:00"), clock.DueAt(NormalResolution));
        Assert.Equal(NormalResolution.DueFrom(Monday), clock.DueAt(NormalResolution));
    }

    [Fact]
    public void PauseResume_ShiftsDeadlineByPausedBusinessTime()
    {
        // Paused Tuesday 09:00 to Wednesday 09:00: 8 business hours.
        var clock = SlaClock.Start(Monday)
            .Pause(At("2026-01-13T09:00:00+00:00"))
            .Resume(At("2026-01-14T09:00:00+00:00"), NormalResolution);

        Assert.Equal(TimeSpan.FromHours(8), clock.PausedTime);
        Assert.Equal(At("2026-01-19T17:00:00+00:00"), clock.DueAt(NormalResolution));
    }

    [Fact]
    public void PauseResume_OutsideBusinessHours_DoesNotMoveDeadline()
    {
        var clock = SlaClock.Start(Monday)
            .Pause(At("2026-01-16T17:30:00+00:00"))
            .Resume(At("2026-01-19T08:30:00+00:00"), NormalResolution);

        Assert.Equal(TimeSpan.Zero, clock.PausedTime);
        Assert.Equal(NormalResolution.DueFrom(Monday), clock.DueAt(NormalResolution));
    }

    [Fact]
    public void DueAt_WhilePaused_IsNull()
    {
        var clock = SlaClock.Start(Monday).Pause(At("2026-01-12T10:00:00+00:00"));

        Assert.True(clock.IsPaused);
        Assert.Null(clock.DueAt(NormalResolution));
    }

    [Fact]
    public void Pause_Twice_KeepsFirstPause()
    {
        var first = SlaClock.Start(Monday).Pause(At("2026-01-12T10:00:00+00:00"));

        Assert.Same(first, first.Pause(At("2026-01-12T11:00:00+00:00")));
    }

    [Fact]
    public void Resume_WhenRunning_ChangesNothing()
    {
        var clock = SlaClock.Start(Monday);

        Assert.Same(clock, clock.Resume(At("2026-01-12T11:00:00+00:00"), NormalResolution));
    }

    [Fact]
    public void Recompute_PriorityRaised_UsesNewTargetFromOriginalStartKeepingPauses()
    {
        var clock = SlaClock.Start(Monday)
            .Pause(At("2026-01-13T09:00:00+00:00"))
            .Resume(At("2026-01-14T09:00:00+00:00"), NormalResolution);

        // 16h target + 8h paused from Monday 09:00 = Wednesday 17:00.
        Assert.Equal(At("2026-01-14T17:00:00+00:00"), clock.Recompute(HighResolution));
    }

    [Fact]
    public void Elapsed_ExcludesPauses_IncludingARunningPause()
    {
        var clock = SlaClock.Start(Monday).Pause(At("2026-01-12T13:00:00+00:00"));

        Assert.Equal(TimeSpan.FromHours(4), clock.Elapsed(NormalResolution, At("2026-01-13T12:00:00+00:00")));
        Assert.Equal(10, clock.PercentElapsed(NormalResolution, At("2026-01-13T12:00:00+00:00")), 6);
    }

    [Fact]
    public void DueAt_Percent_IsThatShareOfTheTarget()
    {
        var clock = SlaClock.Start(Monday);

        // 75% of 40h = 30h: Monday 09:00 + 3 days 17:00 + 6h = Thursday 15:00.
        Assert.Equal(At("2026-01-15T15:00:00+00:00"), clock.DueAt(NormalResolution, 75));
        Assert.Equal(At("2026-01-21T13:00:00+00:00"), clock.DueAt(NormalResolution, 150));
    }

    [Fact]
    public void CalendarClock_PauseCountsEveryHour()
    {
        var urgent = SlaTargetSpec.CalendarTime(TimeSpan.FromHours(8));
        var clock = SlaClock.Start(At("2026-01-10T12:00:00+00:00"))
            .Pause(At("2026-01-10T13:00:00+00:00"))
            .Resume(At("2026-01-10T15:30:00+00:00"), urgent);

        Assert.Equal(At("2026-01-10T22:30:00+00:00"), clock.DueAt(urgent));
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
