using System.Globalization;
using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar London = CalendarBuilder.London();

    private static readonly BusinessCalendar NewYork =
        CalendarBuilder.In("America/New_York").Weekdays("09:00-17:00").Holidays("2026-11-26").Build();

    [Fact]
    public void Add_FridayAfternoonPlusTwoHours_IsMondayTen()
    {
        var due = London.Add(At("2026-01-09T16:00:00+00:00"), TimeSpan.FromHours(2));

        Assert.Equal(At("2026-01-12T10:00:00+00:00"), due);
    }

    [Fact]
    public void Add_AcrossChristmasHolidays_SkipsHolidaysAndWeekend()
    {
        // Thu 24 Dec; Fri 25 and Mon 28 are holidays.
        var due = London.Add(At("2026-12-24T16:00:00+00:00"), TimeSpan.FromHours(2));

        Assert.Equal(At("2026-12-29T10:00:00+00:00"), due);
    }

    [Fact]
    public void NextOpening_OnHoliday_IsFirstWorkingMorning()
    {
        Assert.Equal(At("2026-12-29T09:00:00+00:00"), London.NextOpening(At("2026-12-25T12:00:00+00:00")));
    }

    [Fact]
    public void NextOpening_WhenOpen_IsTheSameInstant()
    {
        var at = At("2026-01-12T11:17:00+00:00");

        Assert.Equal(at, London.NextOpening(at));
    }

    [Fact]
    public void IsOpen_AtIntervalBoundaries_OpenAtStartClosedAtEnd()
    {
        Assert.True(London.IsOpen(At("2026-01-12T09:00:00+00:00")));
        Assert.True(London.IsOpen(At("2026-01-12T16:59:59+00:00")));
        Assert.False(London.IsOpen(At("2026-01-12T17:00:00+00:00")));
        Assert.False(London.IsOpen(At("2026-01-12T08:59:59+00:00")));
        Assert.False(London.IsOpen(At("2026-01-10T12:00:00+00:00")));
        Assert.False(London.IsOpen(At("2026-12-25T12:00:00+00:00")));
    }

    [Fact]
    public void Add_LandingExactlyOnClosingTime_StaysAtClosingTime()
    {
        var due = London.Add(At("2026-01-12T09:00:00+00:00"), TimeSpan.FromHours(8));

        Assert.Equal(At("2026-01-12T17:00:00+00:00"), due);
    }

    [Fact]
    public void Add_FromClosedTime_StartsCountingAtNextOpening()
    {
        var due = London.Add(At("2026-01-10T03:00:00+00:00"), TimeSpan.FromMinutes(30));

        Assert.Equal(At("2026-01-12T09:30:00+00:00"), due);
    }

    [Fact]
    public void Add_Zero_ReturnsStartEvenWhenClosed()
    {
        var saturday = At("2026-01-10T03:00:00+00:00");

        Assert.Equal(saturday, London.Add(saturday, TimeSpan.Zero));
    }

    [Fact]
    public void Add_NegativeDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => London.Add(At("2026-01-12T09:00:00+00:00"), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void Measure_Backwards_IsNegative()
    {
        var from = At("2026-01-12T10:00:00+00:00");
        var to = At("2026-01-09T16:00:00+00:00");

        Assert.Equal(TimeSpan.FromHours(-2), London.Measure(from, to));
    }

    [Fact]
    public void Measure_LondonSpringForwardWeek_IsFortyHoursAndMondayStaysNineToFive()
    {
        // Clocks go forward on Sunday 29 March 2026; Monday 30 March opens at 09:00 BST = 08:00 UTC.
        var friday = At("2026-03-27T16:00:00+00:00");

        Assert.Equal(At("2026-03-30T10:00:00+01:00"), London.Add(friday, TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(40), London.Measure(At("2026-03-23T09:00:00+00:00"), At("2026-03-30T09:00:00+01:00")));
        Assert.True(London.IsOpen(At("2026-03-30T08:00:00+00:00")));
        Assert.False(London.IsOpen(At("2026-03-30T16:30:00+00:00")));
    }

    [Fact]
    public void Add_LondonFallBackWeekend_OpensAtNineGmt()
    {
        // Clocks go back on Sunday 25 October 2026.
        var due = London.Add(At("2026-10-23T16:00:00+01:00"), TimeSpan.FromHours(2));

        Assert.Equal(At("2026-10-26T10:00:00+00:00"), due);
        Assert.Equal(TimeSpan.FromHours(40), London.Measure(At("2026-10-19T09:00:00+01:00"), At("2026-10-26T09:00:00+00:00")));
    }

    [Fact]
    public void Add_NewYorkSpringForwardAndFallBack_KeepsWallClockHours()
    {
        Assert.Equal(At("2026-03-09T10:00:00-04:00"), NewYork.Add(At("2026-03-06T16:00:00-05:00"), TimeSpan.FromHours(2)));
        Assert.Equal(At("2026-11-02T10:00:00-05:00"), NewYork.Add(At("2026-10-30T16:00:00-04:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_NewYorkThanksgiving_IsSkipped()
    {
        Assert.Equal(At("2026-11-27T10:00:00-05:00"), NewYork.Add(At("2026-11-25T16:00:00-05:00"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Measure_IntervalSpanningTheJump_CountsRealElapsedTime()
    {
        var sundays = CalendarBuilder.In("Europe/London").On(DayOfWeek.Sunday, "00:00-24:00").Build();
        var nights = CalendarBuilder.In("Europe/London").On(DayOfWeek.Sunday, "00:30-02:30").Build();
        var gapOnly = CalendarBuilder.In("Europe/London").On(DayOfWeek.Sunday, "01:15-01:45", "10:00-11:00").Build();

        Assert.Equal(TimeSpan.FromHours(23), sundays.Measure(At("2026-03-29T00:00:00+00:00"), At("2026-03-30T00:00:00+01:00")));
        Assert.Equal(TimeSpan.FromHours(25), sundays.Measure(At("2026-10-25T00:00:00+01:00"), At("2026-10-26T00:00:00+00:00")));

        // 00:30 GMT to 02:30 BST is one real hour; 00:30 BST to 02:30 GMT is three.
        Assert.Equal(TimeSpan.FromHours(1), nights.Measure(At("2026-03-29T00:00:00+00:00"), At("2026-03-29T12:00:00+01:00")));
        Assert.Equal(TimeSpan.FromHours(3), nights.Measure(At("2026-10-25T00:00:00+01:00"), At("2026-10-25T12:00:00+00:00")));

        // 01:15-01:45 does not exist on the spring-forward day: closed.
        Assert.Equal(TimeSpan.FromHours(1), gapOnly.Measure(At("2026-03-29T00:00:00+00:00"), At("2026-03-29T23:00:00+01:00")));
        Assert.Equal(At("2026-03-29T10:00:00+01:00"), gapOnly.NextOpening(At("2026-03-29T00:00:00+00:00")));
    }

    [Fact]
    public void Measure_AmbiguousStart_TakesFirstOccurrence()
    {
        // 01:00-01:30 happens twice on 25 October 2026 in London; only the first (BST) occurrence is open.
        var fold = CalendarBuilder.In("Europe/London").On(DayOfWeek.Sunday, "01:00-01:30").Build();

        Assert.True(fold.IsOpen(At("2026-10-25T01:10:00+01:00")));
        Assert.False(fold.IsOpen(At("2026-10-25T01:10:00+00:00")));
        Assert.Equal(TimeSpan.FromMinutes(30), fold.Measure(At("2026-10-24T12:00:00+01:00"), At("2026-10-26T12:00:00+00:00")));
    }

    [Fact]
    public void AlwaysOpen_EqualsCalendarArithmetic()
    {
        var start = At("2026-03-28T22:15:00+00:00");

        Assert.Equal(start + TimeSpan.FromHours(30), BusinessCalendar.AlwaysOpen.Add(start, TimeSpan.FromHours(30)));
        Assert.Equal(TimeSpan.FromHours(30), BusinessCalendar.AlwaysOpen.Measure(start, start + TimeSpan.FromHours(30)));
        Assert.True(BusinessCalendar.AlwaysOpen.IsOpen(start));
    }

    [Fact]
    public void WholeDaysEveryDay_AcrossDstChanges_EqualsCalendarArithmetic()
    {
        // Not flagged 24x7 (a far-away holiday), so this goes through the day-by-day path.
        var allDay = CalendarBuilder.In("Europe/London").EveryDay("00:00-24:00").Holidays("2099-01-01").Build();
        Assert.False(allDay.IsAlwaysOpen);

        foreach (var start in new[] { At("2026-03-28T22:15:00+00:00"), At("2026-10-24T23:59:00+01:00"), At("2026-10-25T01:30:00+01:00") })
        {
            foreach (var hours in new[] { 1, 3, 30, 24 * 10 })
            {
                var span = TimeSpan.FromHours(hours);
                Assert.Equal(start + span, allDay.Add(start, span));
                Assert.Equal(span, allDay.Measure(start, start + span));
            }
        }
    }

    [Fact]
    public void Measure_WholeYear_IsWorkingDaysTimesEightHours()
    {
        var holidays = new HashSet<DateOnly>(London.Holidays);
        var workingDays = 0;
        for (var day = new DateOnly(2027, 1, 1); day.Year == 2027; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day))
            {
                workingDays++;
            }
        }

        var measured = London.Measure(At("2027-01-01T00:00:00+00:00"), At("2028-01-01T00:00:00+00:00"));

        Assert.Equal(253, workingDays);
        Assert.Equal(TimeSpan.FromHours(8 * workingDays), measured);
    }

    [Fact]
    public void Add_TenBusinessDays_IsTwoWeeksLater()
    {
        Assert.Equal(At("2026-01-23T17:00:00+00:00"), London.Add(At("2026-01-12T09:00:00+00:00"), TimeSpan.FromHours(80)));
    }

    [Fact]
    public void Constructor_NoOpenHours_Throws()
    {
        Assert.Throws<ArgumentException>(() => CalendarBuilder.In("Europe/London").Build());
    }

    [Fact]
    public void Constructor_OverlappingIntervals_Throws()
    {
        Assert.Throws<ArgumentException>(() => CalendarBuilder.In("Europe/London").Weekdays("09:00-13:00", "12:00-17:00").Build());
    }

    [Fact]
    public void Constructor_TouchingIntervals_AreMerged()
    {
        var calendar = CalendarBuilder.In("Europe/London").Weekdays("09:00-12:00", "12:00-17:00").Build();

        Assert.Equal([new OpeningInterval(TimeSpan.FromHours(9), TimeSpan.FromHours(17))], calendar.HoursOn(DayOfWeek.Monday));
    }

    [Fact]
    public void Add_HalfHourOffsetZone_UsesLocalHours()
    {
        var kolkata = CalendarBuilder.In("Asia/Kolkata").Weekdays("09:30-18:30").Build();

        Assert.Equal(At("2026-01-12T10:30:00+05:30"), kolkata.Add(At("2026-01-09T17:30:00+05:30"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Measure_LordHoweHalfHourDst_SundayIsShortOrLong()
    {
        var sundays = CalendarBuilder.In("Australia/Lord_Howe").On(DayOfWeek.Sunday, "00:00-24:00").Build();

        // DST starts on 4 October 2026 (+10:30 to +11) and ends on 5 April 2026 (+11 to +10:30).
        Assert.Equal(TimeSpan.FromMinutes(23 * 60 + 30), sundays.Measure(At("2026-10-04T00:00:00+10:30"), At("2026-10-05T00:00:00+11:00")));
        Assert.Equal(TimeSpan.FromMinutes(24 * 60 + 30), sundays.Measure(At("2026-04-05T00:00:00+11:00"), At("2026-04-06T00:00:00+10:30")));
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
