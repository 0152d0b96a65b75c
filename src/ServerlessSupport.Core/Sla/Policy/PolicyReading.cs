using System.Text.RegularExpressions;
using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// What every section reader shares: the errors found so far, each as "json.path: problem", and the checks of values
/// that appear in more than one section. One instance per <see cref="PolicyValidator.Validate"/> call.
/// </summary>
internal sealed partial class PolicyReading
{
    private readonly List<string> _errors = [];

    /// <summary>Every error in the order the readers found it.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public void Error(string path, string message) => _errors.Add($"{path}: {message}");

    /// <summary>A positive duration in the policy notation; days only on a calendar clock.</summary>
    public TimeSpan? Duration(string path, string? text, ClockKind clock = ClockKind.Calendar, bool required = true)
    {
        if (text is null)
        {
            if (required)
            {
                Error(path, "is required (a duration such as 30m, 8h, 1h30m or 2d)");
            }

            return null;
        }

        if (!PolicyDuration.TryParse(text, out var value, out var usesDays))
        {
            Error(path, $"'{text}' is not a duration such as 30m, 8h, 1h30m or 2d");
            return null;
        }

        if (value <= TimeSpan.Zero)
        {
            Error(path, "must be positive");
            return null;
        }

        if (usesDays && clock == ClockKind.Business)
        {
            Error(path, $"'{text}' uses days, which a business clock does not count; write business hours, "
                + $"e.g. '{PolicyDuration.Format(value, useDays: false)}' (\"16h\" is two 8-hour business days)");
            return null;
        }

        return value;
    }

    /// <summary>
    /// A duration counted on <paramref name="clock"/> (from <see cref="CalendarsReader.Clock"/>); null after an error.
    /// Without a valid clock the duration is still checked, as calendar time, so its own errors are reported too.
    /// </summary>
    public SlaTargetSpec? Spec(string path, string? text, (ClockKind Clock, BusinessCalendar Calendar)? clock)
    {
        var duration = Duration(path, text, clock?.Clock ?? ClockKind.Calendar);
        return duration is { } d && clock is { } c ? new SlaTargetSpec(d, c.Clock, c.Calendar) : null;
    }

    /// <summary>A list of strings that each pass <paramref name="isValid"/>; null (after an error per bad item) otherwise.</summary>
    public List<string>? Strings(string path, IReadOnlyList<string?>? values, Func<string, bool> isValid, string problem)
    {
        var result = new List<string>();
        var valid = true;
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var value = values![i];
            if (value is null || !isValid(value))
            {
                Error($"{path}[{i}]", value is null ? "must be a string" : $"'{value}' {problem}");
                valid = false;
                continue;
            }

            result.Add(value);
        }

        return valid ? result : null;
    }

    /// <summary>A percentile of recent times (the realistic promise's, the promises' estimate): 50 to 99.</summary>
    public int Percentile(string path, int value)
    {
        if (value is < 50 or > 99)
        {
            Error(path, $"{value} is not a whole percentile from 50 to 99");
        }

        return value;
    }

    /// <summary>How many days of history a statistic reads: 1 to 90.</summary>
    public int WindowDays(string path, int value)
    {
        if (value is < 1 or > 90)
        {
            Error(path, $"{value} is not a number of days from 1 to 90");
        }

        return value;
    }

    /// <summary>How many samples a statistic needs before it is used: at least 1.</summary>
    public int MinimumSamples(string path, int value)
    {
        if (value < 1)
        {
            Error(path, "must be at least 1");
        }

        return value;
    }

    public static bool IsEmail(string text) => EmailPattern().IsMatch(text);

    public static bool IsDomain(string text) => DomainPattern().IsMatch(text);

    [GeneratedRegex(@"^[^@\s<>,;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex DomainPattern();
}
