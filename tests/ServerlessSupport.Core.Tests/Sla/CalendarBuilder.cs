using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Tests.Sla;

/// <summary>Builds business calendars for tests: <c>CalendarBuilder.In("Europe/London").Weekdays("09:00-17:00").Build()</c>.</summary>
internal sealed class CalendarBuilder
{
    private static readonly DayOfWeek[] WorkDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private readonly Dictionary<DayOfWeek, List<OpeningInterval>> _week = [];
    private readonly List<DateOnly> _holidays = [];
    private readonly string _zone;
    private string _name = "test";

    private CalendarBuilder(string zone) => _zone = zone;

    public static CalendarBuilder In(string zone) => new(zone);

    /// <summary>Mon–Fri 09:00–17:00 in London with the default policy's 2026/2027 bank holidays.</summary>
    public static BusinessCalendar London() =>
        In("Europe/London").Named("london").Weekdays("09:00-17:00").Holidays(
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
            "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28")
        .Build();

    public CalendarBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public CalendarBuilder Weekdays(params string[] intervals)
    {
        foreach (var day in WorkDays)
        {
            On(day, intervals);
        }

        return this;
    }

    public CalendarBuilder EveryDay(params string[] intervals)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            On(day, intervals);
        }

        return this;
    }

    public CalendarBuilder On(DayOfWeek day, params string[] intervals)
    {
        if (!_week.TryGetValue(day, out var list))
        {
            _week[day] = list = [];
        }

        list.AddRange(intervals.Select(Parse));
        return this;
    }

    public CalendarBuilder Holidays(params string[] dates)
    {
        _holidays.AddRange(dates.Select(DateOnly.Parse));
        return this;
    }

    public BusinessCalendar Build() =>
        new(_name, TimeZoneInfo.FindSystemTimeZoneById(_zone), _week.ToDictionary(p => p.Key, p => (IReadOnlyList<OpeningInterval>)p.Value), _holidays);

    private static OpeningInterval Parse(string text)
    {
        var parts = text.Split('-');
        return new OpeningInterval(Time(parts[0]), Time(parts[1]));
    }

    private static TimeSpan Time(string hhmm)
    {
        var parts = hhmm.Split(':');
        return new TimeSpan(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), 0);
    }
}
