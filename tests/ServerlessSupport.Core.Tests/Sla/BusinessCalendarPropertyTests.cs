using FsCheck;
using FsCheck.Fluent;
using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Tests.Sla;

/// <summary>
/// Property tests of the calendar arithmetic on calendars chosen for their DST shapes: London (1h DST at 01:00),
/// New York (2h-wall-clock transitions inside open Sunday night hours), Kolkata (+05:30, no DST) and Lord Howe
/// (30-minute DST inside an all-day Sunday). Half the starts are drawn near a DST transition.
/// </summary>
public sealed class BusinessCalendarPropertyTests
{
    private const int MaxTests = 300;
    private static readonly DateTimeOffset Origin = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(3 * 365);

    public static TheoryData<string> Calendars => [.. TestCalendars.Keys];

    private static Dictionary<string, BusinessCalendar> TestCalendars { get; } = new()
    {
        ["london"] = CalendarBuilder.London(),
        ["london-nights"] = CalendarBuilder.In("Europe/London")
            .Weekdays("09:00-17:00").On(DayOfWeek.Saturday, "00:00-01:30").On(DayOfWeek.Sunday, "00:30-02:30", "22:00-24:00")
            .Holidays("2026-12-25").Build(),
        ["new-york"] = CalendarBuilder.In("America/New_York")
            .Weekdays("08:00-12:00", "13:00-18:00").On(DayOfWeek.Saturday, "00:00-03:00").On(DayOfWeek.Sunday, "01:00-04:00")
            .Holidays("2025-07-04", "2025-11-27", "2025-12-25", "2026-07-03", "2026-11-26", "2026-12-25", "2027-07-05").Build(),
        ["kolkata"] = CalendarBuilder.In("Asia/Kolkata")
            .Weekdays("09:30-18:30").On(DayOfWeek.Saturday, "10:00-14:00").Holidays("2026-01-26", "2026-08-15").Build(),
        ["lord-howe"] = CalendarBuilder.In("Australia/Lord_Howe")
            .Weekdays("09:00-17:00").On(DayOfWeek.Sunday, "00:00-01:00", "02:15-24:00").Holidays("2026-01-26").Build(),
    };

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Add_ThenMeasure_GivesTheDurationBack(string name)
    {
        var calendar = TestCalendars[name];
        Check(Cases(calendar), c =>
        {
            var due = calendar.Add(c.Start, c.Duration);
            var countFrom = calendar.IsOpen(c.Start) ? c.Start : calendar.NextOpening(c.Start);
            Assert.Equal(c.Duration, calendar.Measure(countFrom, due));
            Assert.Equal(c.Duration, calendar.Measure(c.Start, due));
        });
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Add_PositiveDuration_NeverLandsOutsideOpenHours(string name)
    {
        var calendar = TestCalendars[name];
        Check(Cases(calendar), c =>
        {
            var duration = c.Duration + TimeSpan.FromMinutes(1);
            var due = calendar.Add(c.Start, duration);

            // Either open, or exactly at the end of an interval (open just before).
            Assert.True(calendar.IsOpen(due) || calendar.IsOpen(due.AddTicks(-1)), $"{due:O} is outside open hours");
        });
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Add_IsMonotonic(string name)
    {
        var calendar = TestCalendars[name];
        Check(Cases(calendar).Zip(Minutes(12_000)), pair =>
        {
            var (c, extra) = pair;
            Assert.True(calendar.Add(c.Start, c.Duration) <= calendar.Add(c.Start, c.Duration + extra));
        });
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Add_IsAdditive(string name)
    {
        var calendar = TestCalendars[name];
        Check(Cases(calendar).Zip(Minutes(12_000)), pair =>
        {
            var (c, b) = pair;
            var a = c.Duration + TimeSpan.FromMinutes(1);
            Assert.Equal(calendar.Add(c.Start, a + b), calendar.Add(calendar.Add(c.Start, a), b));
        });
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Measure_IsAntisymmetricAndAdditiveOverAMiddlePoint(string name)
    {
        var calendar = TestCalendars[name];
        var offset = Gen.Choose(-40 * 24 * 60, 40 * 24 * 60).Select(m => TimeSpan.FromMinutes(m));
        Check(Starts(calendar).Zip(offset.Two()), t =>
        {
            var (a, (toB, toC)) = t;
            var b = a + toB;
            var c = b + toC;
            Assert.Equal(calendar.Measure(a, b), -calendar.Measure(b, a));
            Assert.Equal(calendar.Measure(a, c), calendar.Measure(a, b) + calendar.Measure(b, c));
        });
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Measure_MatchesMinuteByMinuteCount(string name)
    {
        // Oracle: walk real minutes and ask the wall clock. Valid for these calendars because no interval starts or ends
        // inside a repeated (fall-back) hour, where "first occurrence" deliberately differs from "every occurrence".
        var calendar = TestCalendars[name];
        var spans = Starts(calendar).Zip(Minutes(3 * 24 * 60));
        Check(spans, pair =>
        {
            var (from, length) = pair;
            var to = from + length;
            var open = 0;
            for (var t = from; t < to; t = t.AddMinutes(1))
            {
                open += OpenByWallClock(calendar, t) ? 1 : 0;
            }

            Assert.Equal(TimeSpan.FromMinutes(open), calendar.Measure(from, to));
        }, maxTests: 60);
    }

    private static bool OpenByWallClock(BusinessCalendar calendar, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, calendar.TimeZone).DateTime;
        var date = DateOnly.FromDateTime(local);
        return !calendar.Holidays.Contains(date)
            && calendar.HoursOn(local.DayOfWeek).Any(i => local.TimeOfDay >= i.From && local.TimeOfDay < i.To);
    }

    private static void Check<T>(Gen<T> cases, Action<T> property, int maxTests = MaxTests) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTests), Prop.ForAll(cases.ToArbitrary(), property));

    private static Gen<Case> Cases(BusinessCalendar calendar) =>
        Starts(calendar).Zip(Minutes(200 * 60), (start, duration) => new Case(start, duration));

    private static Gen<TimeSpan> Minutes(int max) => Gen.Choose(0, max).Select(m => TimeSpan.FromMinutes(m));

    /// <summary>Any minute within three years, or (half the time) a minute within two days of a DST transition.</summary>
    private static Gen<DateTimeOffset> Starts(BusinessCalendar calendar)
    {
        var anywhere = Gen.Choose(0, (int)Span.TotalMinutes).Select(m => Origin.AddMinutes(m));
        var transitions = Transitions(calendar.TimeZone);
        if (transitions.Count == 0)
        {
            return anywhere;
        }

        var nearTransition = Gen.Elements<DateTimeOffset>(transitions.ToArray()).Zip(Gen.Choose(-2 * 24 * 60, 2 * 24 * 60), (t, m) => t.AddMinutes(m));
        return Gen.OneOf(anywhere, nearTransition);
    }

    private static List<DateTimeOffset> Transitions(TimeZoneInfo zone)
    {
        var result = new List<DateTimeOffset>();
        for (var t = Origin; t < Origin + Span; t = t.AddMinutes(30))
        {
            if (zone.GetUtcOffset(t) != zone.GetUtcOffset(t.AddMinutes(30)))
            {
                result.Add(t.AddMinutes(30));
            }
        }

        return result;
    }

    private sealed record Case(DateTimeOffset Start, TimeSpan Duration)
    {
        public override string ToString() => $"start {Start:O}, duration {Duration}";
    }
}
