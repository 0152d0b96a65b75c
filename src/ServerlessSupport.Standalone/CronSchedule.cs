using System.Diagnostics.CodeAnalysis;
using NCrontab;

namespace ServerlessSupport.Standalone;

/// <summary>A 6-field (seconds first) CRON schedule in UTC, as the Functions timer trigger uses.</summary>
internal sealed class CronSchedule
{
    private static readonly CrontabSchedule.ParseOptions SixFields = new() { IncludingSeconds = true };
    private readonly CrontabSchedule _schedule;

    private CronSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        _schedule = schedule;
    }

    public string Expression { get; }

    public static CronSchedule Parse(string expression)
    {
        return TryParse(expression, out var schedule)
            ? schedule
            : throw new FormatException($"'{expression}' is not a 6-field CRON expression (second minute hour day month day-of-week).");
    }

    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronSchedule? schedule)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        var parsed = CrontabSchedule.TryParse(expression.Trim(), SixFields);
        if (parsed is null)
        {
            return false;
        }

        schedule = new CronSchedule(expression.Trim(), parsed);
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset GetNextOccurrence(DateTimeOffset after)
    {
        var next = _schedule.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    public override string ToString() => Expression;
}
