using ServerlessSupport.Core.Languages;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The validated support policy (see docs/policy.md). Build it with <see cref="SupportPolicyLoader.Parse"/>.
/// <see cref="StatusNotes"/> null: status notes off; <see cref="AfterSolve"/> null: no check-back or survey.
/// </summary>
internal sealed record SupportPolicy(
    IReadOnlyDictionary<string, BusinessCalendar> Calendars,
    BusinessCalendar DefaultCalendar,
    IReadOnlyDictionary<Priority, PriorityTargets> Priorities,
    PriorityRules PriorityRules,
    IReadOnlyDictionary<TargetKind, IReadOnlyList<EscalationLevel>> Escalations,
    Recipients Recipients,
    StatusNotePolicy? StatusNotes,
    PendingPolicy Pending,
    AfterSolvePolicy? AfterSolve,
    AutoReplyLimit AutoReplyLimit)
{
    /// <summary>The languages offered to customers and the default (policy <c>languages</c>).</summary>
    public LanguagePolicy Languages { get; init; } = LanguagePolicy.AllSupported;

    /// <summary>Whether and how the acknowledgment promises the team's real pace (policy <c>realisticPromise</c>).</summary>
    public RealisticPromisePolicy RealisticPromise { get; init; } = RealisticPromisePolicy.Default;

    /// <summary>When automatic notes may reach a customer (policy <c>customerDaytime</c>); null: any time.</summary>
    public CustomerDaytime? CustomerDaytime { get; init; }

    /// <summary>Reminders before a promise's date and the apology when one breaks (policy <c>promises</c>).</summary>
    public PromisePolicy Promises { get; init; } = PromisePolicy.Default;

    /// <summary>Whether the team recipient hears of new tickets (policy <c>notifications</c>).</summary>
    public NotificationPolicy Notifications { get; init; } = NotificationPolicy.Default;

    /// <summary>An automatic note's instant moved into the customer's daytime window (the customer's offset, else the policy's zone).</summary>
    public DateTimeOffset InCustomerDaytime(DateTimeOffset at, TimeSpan? customerOffset) =>
        CustomerDaytime?.NextAllowed(at, customerOffset) ?? at;

    /// <summary>The customer's own offset (their mail's Date header), else the default calendar's zone at that instant.</summary>
    public TimeSpan CustomerOffset(TimeSpan? customerOffset, DateTimeOffset at) => customerOffset ?? DefaultCalendar.TimeZone.GetUtcOffset(at);

    public SlaTargetSpec Target(Priority priority, TargetKind kind) => Priorities[priority].For(kind);

    /// <summary>The escalation levels of a target kind in ascending percent; empty when none are configured.</summary>
    public IReadOnlyList<EscalationLevel> EscalationsFor(TargetKind kind) =>
        Escalations.TryGetValue(kind, out var levels) ? levels : [];
}
