using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla;

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
    public SlaTargetSpec Target(Priority priority, TargetKind kind) => Priorities[priority].For(kind);

    /// <summary>The escalation levels of a target kind in ascending percent; empty when none are configured.</summary>
    public IReadOnlyList<EscalationLevel> EscalationsFor(TargetKind kind) =>
        Escalations.TryGetValue(kind, out var levels) ? levels : [];
}
