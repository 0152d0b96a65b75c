using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Sweeps;

/// <summary>Something a sweep found due on a ticket; <see cref="SlaActionComposer"/> turns it into events and emails.</summary>
internal abstract record SlaAction(DateTimeOffset DueAt);

/// <summary>
/// An escalation level of <paramref name="Target"/> fired (1-based <paramref name="LevelNumber"/>).
/// <paramref name="Breached"/>: this is the target's first level at or past 100 %, i.e. the target was missed now.
/// </summary>
internal sealed record EscalationFired(
    TargetKind Target,
    EscalationLevel Level,
    int LevelNumber,
    DateTimeOffset DueAt,
    DateTimeOffset? TargetDueAt,
    Priority PriorityBefore,
    Priority PriorityAfter,
    bool Breached) : SlaAction(DueAt);

/// <summary>The customer has had no update for the policy's status-note time; <paramref name="Estimate"/> is stated when no promise is open.</summary>
internal sealed record StatusNoteDue(DateTimeOffset DueAt, Promises.CompletionEstimate Estimate) : SlaAction(DueAt);

/// <summary>The <paramref name="Number"/>th (1-based) reminder while the ticket waits on the customer.</summary>
internal sealed record PendingReminderDue(int Number, DateTimeOffset DueAt, DateTimeOffset? AutoCloseAt) : SlaAction(DueAt);

/// <summary>The customer did not answer in time: the ticket closes with a note.</summary>
internal sealed record AutoCloseDue(DateTimeOffset DueAt) : SlaAction(DueAt);

/// <summary>The post-solve "did this solve it?" with the survey links.</summary>
internal sealed record CheckBackDue(DateTimeOffset DueAt) : SlaAction(DueAt);

/// <summary>A solved ticket closes (policy afterSolve.closeAfter); no email.</summary>
internal sealed record CloseAfterSolveDue(DateTimeOffset DueAt) : SlaAction(DueAt);

/// <summary>The ticket after the due actions, and the actions in the order they were due. No actions: nothing to do.</summary>
internal sealed record SlaDecision(Ticket Ticket, IReadOnlyList<SlaAction> Actions)
{
    public bool IsEmpty => Actions.Count == 0;
}

/// <summary>
/// A promise's date is near (policy promises.remindBefore): the assignee, else the team, is reminded. <paramref name="Late"/>:
/// the date has passed already, so nobody is reminded.
/// </summary>
internal sealed record PromiseReminderDue(Promises.TicketPromise Promise, DateTimeOffset DueAt, bool Late) : SlaAction(DueAt);

/// <summary>
/// Promises whose dates passed unkept: the customer gets one apology naming them and the new date (<paramref name="Next"/>:
/// an agent's promise still ahead, or the team's <paramref name="Estimate"/> made a promise now); the assignee and the
/// team lead are told.
/// </summary>
internal sealed record PromisesBroken(IReadOnlyList<Promises.TicketPromise> Broken, Promises.TicketPromise Next, Promises.CompletionEstimate? Estimate, DateTimeOffset DueAt) : SlaAction(DueAt);

/// <summary>Notifications agents asked for (a new ticket, a customer's reply, an assignment), each to whoever still wants it.</summary>
internal sealed record AgentNoticesDue(IReadOnlyList<Agents.AgentNotice> Notices, DateTimeOffset DueAt) : SlaAction(DueAt);
