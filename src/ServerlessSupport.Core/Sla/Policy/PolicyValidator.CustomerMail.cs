using ServerlessSupport.Core.Languages;
using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>What reaches people: recipients, status notes, pending reminders, the check-back, the auto-reply limit, languages, the promise and the customer's daytime.</summary>
internal sealed partial class PolicyValidator
{
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

    // As shipped: five automatic replies to one sender an hour.
    private static readonly AutoReplyLimit DefaultAutoReplyLimit = new(5, TimeSpan.FromHours(1));

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
}
