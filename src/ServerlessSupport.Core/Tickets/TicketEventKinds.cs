namespace ServerlessSupport.Core.Tickets;

/// <summary>The event kinds written to a ticket's audit trail (stable strings: dashboards and exports read them).</summary>
internal static class TicketEventKinds
{
    public const string Created = "created";
    public const string CustomerReplied = "customer-replied";
    public const string Reopened = "reopened";
    public const string AutomaticMailRecorded = "automatic-mail";
    public const string AcknowledgmentQueued = "ack-queued";
    public const string AutoReplySuppressed = "auto-reply-suppressed";
    public const string ProbablyAutomatic = "probably-automatic";
    public const string EmailSent = "email-sent";
    public const string EmailFailed = "email-failed";
    public const string AgentReplied = "agent-replied";
    public const string StatusChanged = "status-changed";
    public const string PriorityChanged = "priority-changed";
    public const string Escalated = "sla-escalated";
    public const string StatusNoteQueued = "status-note-queued";
    public const string PendingReminderQueued = "pending-reminder-queued";
    public const string AutoClosed = "auto-closed";
    public const string CheckBackQueued = "check-back-queued";
    public const string ClosedAfterSolve = "closed-after-solve";
    public const string SurveyAnswered = "survey-answered";
    public const string UnverifiedSender = "unverified-sender";
    public const string ParticipantsAdded = "participants-added";
    public const string RecoveredFromIntake = "recovered-from-intake";
    public const string IncludedInDigest = "included-in-digest";
    public const string AgentNotified = "agent-notified";
    public const string PromiseMade = "promise-made";
    public const string PromiseSettled = "promise-settled";
    public const string PromiseReminder = "promise-reminder";
    public const string PromiseBroken = "promise-broken";
    public const string PromiseApologyQueued = "promise-apology-queued";
}
