using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Sla.Surveys;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// The promises a ticket is on, stored on the ticket row: the three target clocks (null when not running), the customer
/// status-note timer, the pending-on-customer reminders and auto-close, the post-solve check-back and close, and the survey
/// answer. Change it only through <see cref="SlaPlanner"/>, which keeps the derived instants right.
/// </summary>
internal sealed record TicketSla
{
    public static TicketSla None { get; } = new();

    public SlaTargetState? FirstResponse { get; init; }

    public SlaTargetState? NextUpdate { get; init; }

    public SlaTargetState? Resolution { get; init; }

    /// <summary>When the customer is owed a status note (only while open).</summary>
    public DateTimeOffset? StatusNoteDue { get; init; }

    /// <summary>When the ticket went pending on the customer (null when it is not pending).</summary>
    public DateTimeOffset? PendingSince { get; init; }

    public int PendingRemindersSent { get; init; }

    public DateTimeOffset? PendingReminderDue { get; init; }

    public DateTimeOffset? AutoCloseAt { get; init; }

    /// <summary>When the post-solve check-back with the survey is due (null once sent or when not solved).</summary>
    public DateTimeOffset? CheckBackAt { get; init; }

    public bool CheckBackSent { get; init; }

    /// <summary>When a solved ticket closes (policy afterSolve.closeAfter).</summary>
    public DateTimeOffset? CloseAt { get; init; }

    public SurveyRating? SurveyAnswer { get; init; }

    public DateTimeOffset? SurveyAnsweredAt { get; init; }

    /// <summary>The resolution (<see cref="Tickets.Ticket.ResolutionCount"/>) the answer is about: one answer per resolution.</summary>
    public int SurveyResolution { get; init; }

    /// <summary>The customer's optional comment with the answer: plain text, never rendered as HTML.</summary>
    public string? SurveyComment { get; init; }

    /// <summary>What we promised the customer, open and settled (<see cref="PromiseBook"/>; the newest <see cref="PromiseBook.MaxKept"/>).</summary>
    public IReadOnlyList<TicketPromise> Promises { get; init; } = [];

    /// <summary>What agents asked to hear about and the escalation sweep has not sent yet (<see cref="Agents.AgentNotice"/>).</summary>
    public IReadOnlyList<Agents.AgentNotice> AgentNotices { get; init; } = [];

    public SlaTargetState? Target(TargetKind kind) => kind switch
    {
        TargetKind.FirstResponse => FirstResponse,
        TargetKind.NextUpdate => NextUpdate,
        TargetKind.Resolution => Resolution,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public TicketSla WithTarget(TargetKind kind, SlaTargetState? state) => kind switch
    {
        TargetKind.FirstResponse => this with { FirstResponse = state },
        TargetKind.NextUpdate => this with { NextUpdate = state },
        TargetKind.Resolution => this with { Resolution = state },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
