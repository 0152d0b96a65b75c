using System.Text.Json.Serialization;

namespace ServerlessSupport.Core.Sla.Policy.Json;

// The policy file exactly as written. Everything is nullable so the validator can name each missing field.
internal sealed record PolicyDocument
{
    public IReadOnlyDictionary<string, CalendarDocument?>? Calendars { get; init; }

    public string? DefaultCalendar { get; init; }

    public PrioritiesDocument? Priorities { get; init; }

    public IReadOnlyList<PriorityRuleDocument?>? PriorityRules { get; init; }

    public string? DefaultPriority { get; init; }

    public EscalationsDocument? Escalations { get; init; }

    public RecipientsDocument? Recipients { get; init; }

    public StatusNotesDocument? StatusNotes { get; init; }

    public PendingDocument? Pending { get; init; }

    public AfterSolveDocument? AfterSolve { get; init; }

    public AutoReplyLimitDocument? AutoReplyLimit { get; init; }

    public LanguagesDocument? Languages { get; init; }

    public RealisticPromiseDocument? RealisticPromise { get; init; }

    public CustomerDaytimeDocument? CustomerDaytime { get; init; }

    public PromisesDocument? Promises { get; init; }

    public NotificationsDocument? Notifications { get; init; }
}

internal sealed record CalendarDocument
{
    public string? TimeZone { get; init; }

    public WeeklyHoursDocument? WeeklyHours { get; init; }

    [JsonPropertyName("24x7")]
    public bool? AroundTheClock { get; init; }

    public IReadOnlyList<string?>? Holidays { get; init; }
}

internal sealed record WeeklyHoursDocument
{
    public IReadOnlyList<string?>? Monday { get; init; }

    public IReadOnlyList<string?>? Tuesday { get; init; }

    public IReadOnlyList<string?>? Wednesday { get; init; }

    public IReadOnlyList<string?>? Thursday { get; init; }

    public IReadOnlyList<string?>? Friday { get; init; }

    public IReadOnlyList<string?>? Saturday { get; init; }

    public IReadOnlyList<string?>? Sunday { get; init; }
}

internal sealed record PrioritiesDocument
{
    public TargetsDocument? Low { get; init; }

    public TargetsDocument? Normal { get; init; }

    public TargetsDocument? High { get; init; }

    public TargetsDocument? Urgent { get; init; }
}

internal sealed record TargetsDocument
{
    public TargetDocument? FirstResponse { get; init; }

    public TargetDocument? NextUpdate { get; init; }

    public TargetDocument? Resolution { get; init; }
}

internal sealed record TargetDocument
{
    public string? Duration { get; init; }

    public string? Clock { get; init; }

    public string? Calendar { get; init; }
}

internal sealed record PriorityRuleDocument
{
    public string? Priority { get; init; }

    public IReadOnlyList<string?>? Keywords { get; init; }

    public IReadOnlyList<string?>? FromDomains { get; init; }

    public IReadOnlyList<string?>? FromAddresses { get; init; }
}

internal sealed record EscalationsDocument
{
    public IReadOnlyList<EscalationLevelDocument?>? FirstResponse { get; init; }

    public IReadOnlyList<EscalationLevelDocument?>? NextUpdate { get; init; }

    public IReadOnlyList<EscalationLevelDocument?>? Resolution { get; init; }
}

internal sealed record EscalationLevelDocument
{
    public string? Name { get; init; }

    public int? AtPercent { get; init; }

    public IReadOnlyList<string?>? Notify { get; init; }

    public IReadOnlyList<string?>? Actions { get; init; }
}

internal sealed record RecipientsDocument
{
    public string? TeamLead { get; init; }

    public string? Manager { get; init; }

    public string? Team { get; init; }
}

internal sealed record StatusNotesDocument
{
    public bool? Enabled { get; init; }

    public string? After { get; init; }

    public string? Clock { get; init; }

    public string? Calendar { get; init; }
}

internal sealed record PendingDocument
{
    public IReadOnlyList<string?>? Reminders { get; init; }

    public string? AutoCloseAfter { get; init; }

    public string? Clock { get; init; }

    public string? Calendar { get; init; }
}

internal sealed record AfterSolveDocument
{
    public string? CheckBackAfter { get; init; }

    public string? SurveyTokenLifetime { get; init; }

    public string? CloseAfter { get; init; }
}

internal sealed record AutoReplyLimitDocument
{
    public int? PerSender { get; init; }

    public string? Window { get; init; }
}

internal sealed record LanguagesDocument
{
    public IReadOnlyList<string?>? Offered { get; init; }

    public string? Default { get; init; }
}

internal sealed record RealisticPromiseDocument
{
    public bool? Enabled { get; init; }

    public int? Percentile { get; init; }

    public int? WindowDays { get; init; }

    public int? MinimumSamples { get; init; }
}

internal sealed record CustomerDaytimeDocument
{
    public bool? Enabled { get; init; }

    public string? Hours { get; init; }

    public string? TimeZone { get; init; }
}

internal sealed record PromisesDocument
{
    public string? RemindBefore { get; init; }

    public bool? Apology { get; init; }

    public int? EstimatePercentile { get; init; }

    public int? EstimateWindowDays { get; init; }

    public int? EstimateMinimumSamples { get; init; }
}

internal sealed record NotificationsDocument
{
    public bool? NewTicketsToTeam { get; init; }
}
