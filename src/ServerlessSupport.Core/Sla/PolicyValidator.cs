using System.Globalization;
using System.Text.RegularExpressions;
using ServerlessSupport.Core.Languages;
using ServerlessSupport.Core.Sla.Json;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla;

/// <summary>
/// Turns a <see cref="PolicyDocument"/> into a <see cref="SupportPolicy"/>, collecting every error as "json.path: problem".
/// After an error it carries on with a placeholder so later fields are still checked; nothing is returned unless all is valid.
/// </summary>
internal sealed partial class PolicyValidator
{
    private static readonly AutoReplyLimit DefaultAutoReplyLimit = new(5, TimeSpan.FromHours(1));

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

    private SlaTargetSpec? Spec(string path, string? text, (ClockKind Clock, BusinessCalendar Calendar)? clock)
    {
        var duration = Duration(path, text, clock?.Clock ?? ClockKind.Calendar);
        return duration is { } d && clock is { } c ? new SlaTargetSpec(d, c.Clock, c.Calendar) : null;
    }

    private Dictionary<Priority, PriorityTargets> Priorities(PrioritiesDocument? priorities)
    {
        var result = new Dictionary<Priority, PriorityTargets>();
        if (priorities is null)
        {
            Error("priorities", "is required, with low, normal, high and urgent");
            return result;
        }

        foreach (var (priority, targets) in new[]
        {
            (Priority.Low, priorities.Low), (Priority.Normal, priorities.Normal),
            (Priority.High, priorities.High), (Priority.Urgent, priorities.Urgent),
        })
        {
            var path = $"priorities.{priority.ToPolicyName()}";
            if (targets is null)
            {
                Error(path, "is required, with firstResponse, nextUpdate and resolution");
                continue;
            }

            var firstResponse = Target($"{path}.firstResponse", targets.FirstResponse);
            var nextUpdate = Target($"{path}.nextUpdate", targets.NextUpdate);
            var resolution = Target($"{path}.resolution", targets.Resolution);
            if (firstResponse is not null && nextUpdate is not null && resolution is not null)
            {
                result[priority] = new PriorityTargets(firstResponse, nextUpdate, resolution);
            }
        }

        return result;
    }

    private SlaTargetSpec? Target(string path, TargetDocument? target)
    {
        if (target is null)
        {
            Error(path, "is required: { \"duration\": \"8h\", \"clock\": \"business\" }");
            return null;
        }

        var clock = Clock(path, target.Clock, target.Calendar);
        return Spec($"{path}.duration", target.Duration, clock);
    }

    private PriorityRules Rules(IReadOnlyList<PriorityRuleDocument?>? rules, string? defaultPriorityName)
    {
        var defaultPriority = Priority.Normal;
        if (defaultPriorityName is not null)
        {
            defaultPriority = PriorityNamed("defaultPriority", defaultPriorityName) ?? Priority.Normal;
        }

        var result = new List<PriorityRule>();
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var path = $"priorityRules[{i}]";
            var rule = rules![i];
            if (rule is null)
            {
                Error(path, "must be an object");
                continue;
            }

            Priority? priority = rule.Priority is null ? null : PriorityNamed($"{path}.priority", rule.Priority);
            if (rule.Priority is null)
            {
                Error($"{path}.priority", "is required (low, normal, high or urgent)");
            }

            var keywords = Strings($"{path}.keywords", rule.Keywords, k => k.Trim().Length > 0, "must not be empty");
            var domains = Strings($"{path}.fromDomains", rule.FromDomains, IsDomain, "is not a domain such as example.com (no '@')");
            var addresses = Strings($"{path}.fromAddresses", rule.FromAddresses, IsEmail, "is not an e-mail address");
            if ((rule.Keywords?.Count ?? 0) + (rule.FromDomains?.Count ?? 0) + (rule.FromAddresses?.Count ?? 0) == 0)
            {
                Error(path, "needs at least one condition: keywords, fromDomains or fromAddresses");
                continue;
            }

            if (priority is { } p && keywords is not null && domains is not null && addresses is not null)
            {
                result.Add(new PriorityRule(p, keywords, domains, addresses));
            }
        }

        return new PriorityRules(result, defaultPriority);
    }

    private Priority? PriorityNamed(string path, string name)
    {
        if (PriorityExtensions.TryParsePolicyName(name, out var priority))
        {
            return priority;
        }

        Error(path, $"'{name}' is not a priority ({string.Join(", ", PriorityExtensions.Names)})");
        return null;
    }

    private List<string>? Strings(string path, IReadOnlyList<string?>? values, Func<string, bool> isValid, string problem)
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

    private Dictionary<TargetKind, IReadOnlyList<EscalationLevel>> Escalations(EscalationsDocument? escalations)
    {
        var result = new Dictionary<TargetKind, IReadOnlyList<EscalationLevel>>();
        foreach (var (kind, name, levels) in new[]
        {
            (TargetKind.FirstResponse, "firstResponse", escalations?.FirstResponse),
            (TargetKind.NextUpdate, "nextUpdate", escalations?.NextUpdate),
            (TargetKind.Resolution, "resolution", escalations?.Resolution),
        })
        {
            result[kind] = EscalationLevels($"escalations.{name}", levels);
        }

        return result;
    }

    private List<EscalationLevel> EscalationLevels(string path, IReadOnlyList<EscalationLevelDocument?>? levels)
    {
        var result = new List<EscalationLevel>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int? previousPercent = null;
        for (var i = 0; i < (levels?.Count ?? 0); i++)
        {
            var levelPath = $"{path}[{i}]";
            var level = levels![i];
            if (level is null)
            {
                Error(levelPath, "must be an object");
                continue;
            }

            if (string.IsNullOrWhiteSpace(level.Name))
            {
                Error($"{levelPath}.name", "is required (shown in notifications and the ticket history)");
            }
            else if (!names.Add(level.Name))
            {
                Error($"{levelPath}.name", $"'{level.Name}' is used by an earlier level; names must be unique per target");
            }

            if (level.AtPercent is not { } percent)
            {
                Error($"{levelPath}.atPercent", "is required (a whole percentage of the target, e.g. 75)");
            }
            else if (percent <= 0)
            {
                Error($"{levelPath}.atPercent", "must be positive");
            }
            else if (previousPercent is { } previous && percent <= previous)
            {
                Error($"{levelPath}.atPercent", $"must be greater than the previous level's {previous} (levels are in ascending order)");
            }

            previousPercent = level.AtPercent is > 0 ? level.AtPercent : previousPercent;
            var notify = Notify($"{levelPath}.notify", level.Notify);
            var actions = Actions($"{levelPath}.actions", level.Actions);
            if ((level.Notify?.Count ?? 0) + (level.Actions?.Count ?? 0) == 0)
            {
                Error(levelPath, "needs someone to notify or an action");
            }

            if (level is { Name: { } n, AtPercent: > 0 })
            {
                result.Add(new EscalationLevel(n, level.AtPercent.Value, notify, actions));
            }
        }

        return result;
    }

    private List<NotifyTarget> Notify(string path, IReadOnlyList<string?>? notify)
    {
        var result = new List<NotifyTarget>();
        for (var i = 0; i < (notify?.Count ?? 0); i++)
        {
            var itemPath = $"{path}[{i}]";
            var text = notify![i];
            NotifyTarget? target = text switch
            {
                "assignee" => new NotifyTarget(RecipientRole.Assignee),
                "teamLead" => new NotifyTarget(RecipientRole.TeamLead),
                "manager" => new NotifyTarget(RecipientRole.Manager),
                "team" => new NotifyTarget(RecipientRole.Team),
                { } address when IsEmail(address) => NotifyTarget.ForAddress(address),
                _ => null,
            };
            if (target is null)
            {
                Error(itemPath, $"'{text}' is not \"assignee\", \"teamLead\", \"manager\", \"team\" or an e-mail address");
                continue;
            }

            if (target.Role is RecipientRole.TeamLead or RecipientRole.Manager or RecipientRole.Team
                && _recipients.AddressFor(target) is null)
            {
                Error(itemPath, $"'{text}' needs an address in recipients.{text}");
            }

            result.Add(target);
        }

        return result;
    }

    private List<EscalationAction> Actions(string path, IReadOnlyList<string?>? actions)
    {
        var result = new List<EscalationAction>();
        for (var i = 0; i < (actions?.Count ?? 0); i++)
        {
            if (actions![i] == "raisePriority")
            {
                result.Add(EscalationAction.RaisePriority);
            }
            else
            {
                Error($"{path}[{i}]", $"'{actions[i]}' is not an action (the only one is \"raisePriority\")");
            }
        }

        return result;
    }

    private Recipients RecipientsSection(RecipientsDocument? recipients)
    {
        if (recipients is null)
        {
            return Recipients.None;
        }

        return new Recipients(
            Address("recipients.teamLead", recipients.TeamLead),
            Address("recipients.manager", recipients.Manager),
            Address("recipients.team", recipients.Team));
    }

    private string? Address(string path, string? address)
    {
        if (address is null || IsEmail(address))
        {
            return address;
        }

        Error(path, $"'{address}' is not an e-mail address");
        return null;
    }

    private StatusNotePolicy? StatusNotes(StatusNotesDocument? notes)
    {
        if (notes is null)
        {
            return null;
        }

        var clock = Clock("statusNotes", notes.Clock, notes.Calendar);
        var after = Spec("statusNotes.after", notes.After, clock);
        return notes.Enabled != false && after is not null ? new StatusNotePolicy(after) : null;
    }

    private PendingPolicy Pending(PendingDocument? pending)
    {
        if (pending is null)
        {
            return new PendingPolicy([], null);
        }

        var clock = Clock("pending", pending.Clock, pending.Calendar);
        var reminders = new List<SlaTargetSpec>();
        TimeSpan? previous = null;
        for (var i = 0; i < (pending.Reminders?.Count ?? 0); i++)
        {
            var path = $"pending.reminders[{i}]";
            if (Spec(path, pending.Reminders![i], clock) is not { } reminder)
            {
                continue;
            }

            if (previous is { } p && reminder.Duration <= p)
            {
                Error(path, $"must be later than the previous reminder ({PolicyDuration.Format(p)})");
            }

            previous = reminder.Duration;
            reminders.Add(reminder);
        }

        SlaTargetSpec? autoClose = null;
        if (pending.AutoCloseAfter is not null)
        {
            autoClose = Spec("pending.autoCloseAfter", pending.AutoCloseAfter, clock);
            if (autoClose is not null && previous is { } last && autoClose.Duration <= last)
            {
                Error("pending.autoCloseAfter", $"must be later than the last reminder ({PolicyDuration.Format(last)})");
            }
        }

        return new PendingPolicy(reminders, autoClose);
    }

    private AfterSolvePolicy? AfterSolve(AfterSolveDocument? afterSolve)
    {
        if (afterSolve is null)
        {
            return null;
        }

        var checkBack = Duration("afterSolve.checkBackAfter", afterSolve.CheckBackAfter);
        var tokenLifetime = Duration("afterSolve.surveyTokenLifetime", afterSolve.SurveyTokenLifetime);
        var closeAfter = Duration("afterSolve.closeAfter", afterSolve.CloseAfter, required: false);
        if (checkBack is { } c && closeAfter is { } close && close <= c)
        {
            Error("afterSolve.closeAfter", $"must be later than checkBackAfter ({PolicyDuration.Format(c)})");
        }

        return checkBack is { } check && tokenLifetime is { } lifetime ? new AfterSolvePolicy(check, lifetime, closeAfter) : null;
    }

    private AutoReplyLimit AutoReply(AutoReplyLimitDocument? limit)
    {
        if (limit is null)
        {
            return DefaultAutoReplyLimit;
        }

        if (limit.PerSender is not { } perSender)
        {
            Error("autoReplyLimit.perSender", "is required (automatic replies allowed per sender within the window)");
        }
        else if (perSender < 1)
        {
            Error("autoReplyLimit.perSender", "must be at least 1");
        }

        var window = Duration("autoReplyLimit.window", limit.Window);
        return limit.PerSender is > 0 && window is { } w ? new AutoReplyLimit(limit.PerSender.Value, w) : DefaultAutoReplyLimit;
    }

    private LanguagePolicy LanguagesSection(LanguagesDocument? languages)
    {
        if (languages is null)
        {
            return LanguagePolicy.AllSupported;
        }

        var offered = new List<string>();
        var supported = string.Join(", ", CustomerLanguages.Supported);
        if (languages.Offered is null || languages.Offered.Count == 0)
        {
            Error("languages.offered", $"is required and needs at least one language ({supported})");
        }

        for (var i = 0; i < (languages.Offered?.Count ?? 0); i++)
        {
            var tag = languages.Offered![i];
            if (!CustomerLanguages.IsSupported(tag))
            {
                Error($"languages.offered[{i}]", $"'{tag}' has no templates; supported languages are {supported} (lower-case tags)");
            }
            else if (offered.Contains(tag!, StringComparer.Ordinal))
            {
                Error($"languages.offered[{i}]", $"'{tag}' is listed twice");
            }
            else
            {
                offered.Add(tag!);
            }
        }

        var fallback = offered.Count > 0 ? offered[0] : CustomerLanguages.Fallback;
        if (languages.Default is null)
        {
            return new LanguagePolicy(offered.Count > 0 ? offered : CustomerLanguages.Supported, fallback);
        }

        if (!offered.Contains(languages.Default, StringComparer.Ordinal))
        {
            Error("languages.default", $"'{languages.Default}' is not one of languages.offered ({string.Join(", ", offered)})");
            return new LanguagePolicy(offered.Count > 0 ? offered : CustomerLanguages.Supported, fallback);
        }

        return new LanguagePolicy(offered, languages.Default);
    }

    private RealisticPromisePolicy Promise(RealisticPromiseDocument? promise)
    {
        var defaults = RealisticPromisePolicy.Default;
        if (promise is null)
        {
            return defaults;
        }

        var percentile = promise.Percentile ?? defaults.Percentile;
        if (percentile is < 50 or > 99)
        {
            Error("realisticPromise.percentile", $"{percentile} is not a whole percentile from 50 to 99");
        }

        var windowDays = promise.WindowDays ?? defaults.WindowDays;
        if (windowDays is < 1 or > 90)
        {
            Error("realisticPromise.windowDays", $"{windowDays} is not a number of days from 1 to 90");
        }

        var samples = promise.MinimumSamples ?? defaults.MinimumSamples;
        if (samples < 1)
        {
            Error("realisticPromise.minimumSamples", "must be at least 1");
        }

        return new RealisticPromisePolicy(promise.Enabled ?? defaults.Enabled, percentile, windowDays, samples);
    }

    private CustomerDaytime? Daytime(CustomerDaytimeDocument? daytime)
    {
        var zone = daytime?.TimeZone is null ? _defaultCalendar.TimeZone : TimeZone("customerDaytime.timeZone", daytime.TimeZone);
        if (daytime?.Enabled == false)
        {
            return null;
        }

        var hours = Interval("customerDaytime.hours", daytime?.Hours ?? "08:00-20:00");
        return hours is { } window && zone is not null ? new CustomerDaytime(window.From, window.To, zone) : null;
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
