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
    public const string EmailSent = "email-sent";
    public const string EmailFailed = "email-failed";
}
