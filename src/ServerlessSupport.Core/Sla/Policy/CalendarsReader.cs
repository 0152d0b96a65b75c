using System.Text.RegularExpressions;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The <c>calendars</c> and <c>defaultCalendar</c> sections, and the clock and calendar that the targets and the other
/// timed sections count on. Read first: every later section looks its calendars up here.
/// </summary>
internal sealed partial class CalendarsReader(PolicyReading reading)
{
    private readonly Dictionary<string, BusinessCalendar> _calendars = new(StringComparer.Ordinal);

    // Declared but invalid calendars are kept apart from unknown names, so a reference to one is not reported twice.
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    /// <summary>The valid calendars by name.</summary>
    public IReadOnlyDictionary<string, BusinessCalendar> Calendars => _calendars;

    /// <summary>
    /// The default calendar; always open until <see cref="ReadDefault"/> finds a valid one, so that the sections after
    /// it are still checked when it is missing or invalid.
    /// </summary>
    public BusinessCalendar Default { get; private set; } = BusinessCalendar.AlwaysOpen;

    public void Read(IReadOnlyDictionary<string, CalendarDocument?>? calendars)
    {
        if (calendars is null || calendars.Count == 0)
        {
            reading.Error("calendars", "is required and needs at least one calendar");
            return;
        }

        var calendarReader = new CalendarReader(reading);
        foreach (var (name, calendar) in calendars)
        {
            var path = $"calendars.{name}";
            _declared.Add(name);
            if (!CalendarName().IsMatch(name))
            {
                reading.Error(path, "calendar names use only letters, digits, '-' and '_'");
            }

            if (calendar is null)
            {
                reading.Error(path, "must be an object");
                continue;
            }

            if (calendarReader.Read(path, name, calendar) is { } built)
            {
                _calendars[name] = built;
            }
        }
    }

    public void ReadDefault(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            reading.Error("defaultCalendar", "is required (the name of one of the calendars)");
            return;
        }

        Default = Named("defaultCalendar", name) ?? BusinessCalendar.AlwaysOpen;
    }

    /// <summary>A clock and the calendar it counts on; null after an error.</summary>
    public (ClockKind Clock, BusinessCalendar Calendar)? Clock(string path, string? clock, string? calendarName)
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
                reading.Error($"{path}.clock", "is required: \"business\" or \"calendar\"");
                return null;
            default:
                reading.Error($"{path}.clock", $"'{clock}' is not \"business\" or \"calendar\"");
                return null;
        }

        if (kind == ClockKind.Calendar)
        {
            if (calendarName is not null)
            {
                reading.Error($"{path}.calendar", "only a business clock uses a calendar; remove it or set \"clock\": \"business\"");
                return null;
            }

            return (kind, BusinessCalendar.AlwaysOpen);
        }

        return calendarName is null
            ? (kind, Default)
            : Named($"{path}.calendar", calendarName) is { } named ? (kind, named) : null;
    }

    /// <summary>The named calendar; null (with an error only if undeclared) when it is unknown or itself invalid.</summary>
    private BusinessCalendar? Named(string path, string name)
    {
        if (_calendars.TryGetValue(name, out var calendar))
        {
            return calendar;
        }

        if (!_declared.Contains(name))
        {
            var known = _declared.Count == 0 ? "none are defined" : string.Join(", ", _declared);
            reading.Error(path, $"'{name}' is not one of the calendars ({known})");
        }

        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex CalendarName();
}
