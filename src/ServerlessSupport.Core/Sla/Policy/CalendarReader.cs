using System.Globalization;
using System.Text.RegularExpressions;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// One calendar of the <c>calendars</c> section: its time zone, holidays and weekly hours. Its time zone and interval
/// checks also read <c>customerDaytime</c>, so both sections accept and word them alike.
/// </summary>
internal sealed partial class CalendarReader(PolicyReading reading)
{
    /// <summary>The calendar; null after an error in any of its fields (each is still checked).</summary>
    public BusinessCalendar? Read(string path, string name, CalendarDocument calendar)
    {
        var zone = TimeZone($"{path}.timeZone", calendar.TimeZone);
        var holidays = Holidays($"{path}.holidays", calendar.Holidays);
        Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>? week = null;
        if (calendar.AroundTheClock == true)
        {
            if (calendar.WeeklyHours is not null)
            {
                reading.Error($"{path}.weeklyHours", "leave it out when \"24x7\" is true");
            }
        }
        else if (calendar.WeeklyHours is null)
        {
            reading.Error($"{path}.weeklyHours", "is required (or set \"24x7\": true)");
        }
        else
        {
            week = WeeklyHours($"{path}.weeklyHours", calendar.WeeklyHours);
        }

        if (zone is null || holidays is null || (week is null && calendar.AroundTheClock != true))
        {
            return null;
        }

        return week is null ? BusinessCalendar.Open24x7(name, zone, holidays) : new BusinessCalendar(name, zone, week, holidays);
    }

    public TimeZoneInfo? TimeZone(string path, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            reading.Error(path, "is required (an IANA time zone such as Europe/London)");
            return null;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            if (zone.HasIanaId)
            {
                return zone;
            }
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Reported below with the field's path.
        }

        reading.Error(path, $"'{id}' is not an IANA time zone (for example Europe/London or America/New_York)");
        return null;
    }

    public OpeningInterval? Interval(string path, string? text)
    {
        var match = text is null ? null : IntervalPattern().Match(text);
        if (match is null || !match.Success
            || TimeOfDay(match.Groups[1].Value, match.Groups[2].Value) is not { } from
            || TimeOfDay(match.Groups[3].Value, match.Groups[4].Value) is not { } to)
        {
            reading.Error(path, $"'{text}' is not an interval of local times such as \"09:00-17:00\" (00:00 to 24:00)");
            return null;
        }

        if (to <= from)
        {
            reading.Error(path, $"'{text}' must end after it starts; an interval cannot cross midnight, so split it over two days");
            return null;
        }

        return new OpeningInterval(from, to);
    }

    private List<DateOnly>? Holidays(string path, IReadOnlyList<string?>? holidays)
    {
        var result = new List<DateOnly>();
        var valid = true;
        for (var i = 0; i < (holidays?.Count ?? 0); i++)
        {
            var text = holidays![i];
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                result.Add(date);
            }
            else
            {
                reading.Error($"{path}[{i}]", $"'{text}' is not a date written as yyyy-MM-dd");
                valid = false;
            }
        }

        return valid ? result : null;
    }

    private Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>? WeeklyHours(string path, WeeklyHoursDocument hours)
    {
        var days = new (DayOfWeek Day, string Name, IReadOnlyList<string?>? Intervals)[]
        {
            (DayOfWeek.Monday, "monday", hours.Monday),
            (DayOfWeek.Tuesday, "tuesday", hours.Tuesday),
            (DayOfWeek.Wednesday, "wednesday", hours.Wednesday),
            (DayOfWeek.Thursday, "thursday", hours.Thursday),
            (DayOfWeek.Friday, "friday", hours.Friday),
            (DayOfWeek.Saturday, "saturday", hours.Saturday),
            (DayOfWeek.Sunday, "sunday", hours.Sunday),
        };
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        var valid = true;
        foreach (var (day, name, intervals) in days)
        {
            var parsed = new List<(OpeningInterval Interval, string Text)>();
            for (var i = 0; i < (intervals?.Count ?? 0); i++)
            {
                var text = intervals![i];
                var itemPath = $"{path}.{name}[{i}]";
                if (Interval(itemPath, text) is not { } interval)
                {
                    valid = false;
                    continue;
                }

                if (parsed.FirstOrDefault(p => p.Interval.From < interval.To && interval.From < p.Interval.To) is { Text: not null } clash)
                {
                    reading.Error(itemPath, $"'{text}' overlaps '{clash.Text}'");
                    valid = false;
                    continue;
                }

                parsed.Add((interval, text!));
            }

            week[day] = [.. parsed.Select(p => p.Interval)];
        }

        if (valid && week.Values.All(v => v.Count == 0))
        {
            reading.Error(path, "has no open hours; give at least one interval such as \"09:00-17:00\" (or set \"24x7\": true)");
            return null;
        }

        return valid ? week : null;
    }

    private static TimeSpan? TimeOfDay(string hours, string minutes)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var m = int.Parse(minutes, CultureInfo.InvariantCulture);
        return m > 59 || h > 24 || (h == 24 && m != 0) ? null : new TimeSpan(h, m, 0);
    }

    [GeneratedRegex(@"^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$")]
    private static partial Regex IntervalPattern();
}
