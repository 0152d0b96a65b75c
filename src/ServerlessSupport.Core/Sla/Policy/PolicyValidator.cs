using System.Text.RegularExpressions;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// Turns a <see cref="PolicyDocument"/> into a <see cref="SupportPolicy"/>, collecting every error as "json.path: problem".
/// After an error it carries on with a placeholder so later fields are still checked; nothing is returned unless all is valid.
/// </summary>
internal sealed partial class PolicyValidator
{
    private readonly List<string> _errors = [];
    private readonly Dictionary<string, BusinessCalendar> _calendars = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declaredCalendars = new(StringComparer.Ordinal);
    private BusinessCalendar _defaultCalendar = BusinessCalendar.AlwaysOpen;
    private Recipients _recipients = Recipients.None;

    private PolicyValidator()
    {
    }

    public static SupportPolicy Validate(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var validator = new PolicyValidator();
        var policy = validator.Build(document);
        return validator._errors.Count == 0 ? policy : throw new PolicyValidationException(validator._errors);
    }

    private SupportPolicy Build(PolicyDocument document)
    {
        Calendars(document.Calendars);
        DefaultCalendar(document.DefaultCalendar);
        _recipients = RecipientsSection(document.Recipients);
        return new SupportPolicy(
            _calendars,
            _defaultCalendar,
            Priorities(document.Priorities),
            Rules(document.PriorityRules, document.DefaultPriority),
            Escalations(document.Escalations),
            _recipients,
            StatusNotes(document.StatusNotes),
            Pending(document.Pending),
            AfterSolve(document.AfterSolve),
            AutoReply(document.AutoReplyLimit))
        {
            Languages = LanguagesSection(document.Languages),
            RealisticPromise = Promise(document.RealisticPromise),
            CustomerDaytime = Daytime(document.CustomerDaytime),
        };
    }

    private void Error(string path, string message) => _errors.Add($"{path}: {message}");

    /// <summary>A positive duration in the policy notation; days only on a calendar clock.</summary>
    private TimeSpan? Duration(string path, string? text, ClockKind clock = ClockKind.Calendar, bool required = true)
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

    private static bool IsEmail(string text) => EmailPattern().IsMatch(text);

    private static bool IsDomain(string text) => DomainPattern().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex CalendarName();

    [GeneratedRegex(@"^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$")]
    private static partial Regex IntervalPattern();

    [GeneratedRegex(@"^[^@\s<>,;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex DomainPattern();
}
