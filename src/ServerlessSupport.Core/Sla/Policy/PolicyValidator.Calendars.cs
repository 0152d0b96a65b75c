using System.Globalization;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The calendars: time zones, weekly hours, holidays, and the clock each target counts on.</summary>
internal sealed partial class PolicyValidator
{
    private void Calendars(IReadOnlyDictionary<string, CalendarDocument?>? calendars)
    {
        if (calendars is null || calendars.Count == 0)
        {
            Error("calendars", "is required and needs at least one calendar");
            return;
        }

        foreach (var (name, calendar) in calendars)
        {
            var path = $"calendars.{name}";
            _declaredCalendars.Add(name);
            if (!CalendarName().IsMatch(name))
            {
                Error(path, "calendar names use only letters, digits, '-' and '_'");
            }

            if (calendar is null)
            {
                Error(path, "must be an object");
                continue;
            }

            if (Calendar(path, name, calendar) is { } built)
            {
                _calendars[name] = built;
            }
        }
    }

    private BusinessCalendar? Calendar(string path, string name, CalendarDocument calendar)
    {
        var zone = TimeZone($"{path}.timeZone", calendar.TimeZone);
        var holidays = Holidays($"{path}.holidays", calendar.Holidays);
        Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>? week = null;
        if (calendar.AroundTheClock == true)
        {
            if (calendar.WeeklyHours is not null)
            {
                Error($"{path}.weeklyHours", "leave it out when \"24x7\" is true");
            }
        }
        else if (calendar.WeeklyHours is null)
        {
            Error($"{path}.weeklyHours", "is required (or set \"24x7\": true)");
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

    private TimeZoneInfo? TimeZone(string path, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            Error(path, "is required (an IANA time zone such as Europe/London)");
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

        Error(path, $"'{id}' is not an IANA time zone (for example Europe/London or America/New_York)");
        return null;
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
                Error($"{path}[{i}]", $"'{text}' is not a date written as yyyy-MM-dd");
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
                    Error(itemPath, $"'{text}' overlaps '{clash.Text}'");
                    valid = false;
                    continue;
                }

                parsed.Add((interval, text!));
            }

            week[day] = [.. parsed.Select(p => p.Interval)];
        }

        if (valid && week.Values.All(v => v.Count == 0))
        {
            Error(path, "has no open hours; give at least one interval such as \"09:00-17:00\" (or set \"24x7\": true)");
            return null;
        }

        return valid ? week : null;
    }

    private OpeningInterval? Interval(string path, string? text)
    {
        var match = text is null ? null : IntervalPattern().Match(text);
        if (match is null || !match.Success
            || TimeOfDay(match.Groups[1].Value, match.Groups[2].Value) is not { } from
            || TimeOfDay(match.Groups[3].Value, match.Groups[4].Value) is not { } to)
        {
            Error(path, $"'{text}' is not an interval of local times such as \"09:00-17:00\" (00:00 to 24:00)");
            return null;
        }

        if (to <= from)
        {
            Error(path, $"'{text}' must end after it starts; an interval cannot cross midnight, so split it over two days");
            return null;
        }

        return new OpeningInterval(from, to);
    }

    private static TimeSpan? TimeOfDay(string hours, string minutes)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var m = int.Parse(minutes, CultureInfo.InvariantCulture);
        return m > 59 || h > 24 || (h == 24 && m != 0) ? null : new TimeSpan(h, m, 0);
    }

    private void DefaultCalendar(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Error("defaultCalendar", "is required (the name of one of the calendars)");
            return;
        }

        _defaultCalendar = CalendarNamed("defaultCalendar", name) ?? BusinessCalendar.AlwaysOpen;
    }

    /// <summary>The named calendar; null (with an error only if undeclared) when it is unknown or itself invalid.</summary>
    private BusinessCalendar? CalendarNamed(string path, string name)
    {
        if (_calendars.TryGetValue(name, out var calendar))
        {
            return calendar;
        }

        if (!_declaredCalendars.Contains(name))
        {
            var known = _declaredCalendars.Count == 0 ? "none are defined" : string.Join(", ", _declaredCalendars);
            Error(path, $"'{name}' is not one of the calendars ({known})");
        }

        return null;
    }

    /// <summary>A clock and the calendar it counts on; null after an error.</summary>
    private (ClockKind Clock, BusinessCalendar Calendar)? Clock(string path, string? clock, string? calendarName)
    {
        ClockKind kind;
        switch (clock)
        {
            case "business":
                kind = ClockKind.Business;
                break;
            case "calendar":
                kind = ClockKind.Calendar;
                break;
            case null:
                Error($"{path}.clock", "is required: \"business\" or \"calendar\"");
                return null;
            default:
                Error($"{path}.clock", $"'{clock}' is not \"business\" or \"calendar\"");
                return null;
        }

        if (kind == ClockKind.Calendar)
        {
            if (calendarName is not null)
            {
                Error($"{path}.calendar", "only a business clock uses a calendar; remove it or set \"clock\": \"business\"");
                return null;
            }

            return (kind, BusinessCalendar.AlwaysOpen);
        }

        return calendarName is null
            ? (kind, _defaultCalendar)
            : CalendarNamed($"{path}.calendar", calendarName) is { } named ? (kind, named) : null;
    }
}
