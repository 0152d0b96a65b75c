using ServerlessSupport.Core.Sla.Policy;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>The actions a due row names (the last part of its key) and the sweep that performs each (stable strings).</summary>
internal static class DueKinds
{
    public const string EscalateFirstResponse = "esc-fr";
    public const string EscalateNextUpdate = "esc-nu";
    public const string EscalateResolution = "esc-res";
    public const string StatusNote = "status";
    public const string PendingReminder = "pending";
    public const string AutoClose = "autoclose";
    public const string CheckBack = "checkback";
    public const string Close = "close";

    /// <summary>The agents' reminder before a promise's date: with the escalations, in the agents' digest.</summary>
    public const string PromiseReminder = "esc-promise";

    /// <summary>Notifications agents asked for: with the escalations, in the agents' digest.</summary>
    public const string AgentNotices = "esc-notify";

    /// <summary>Whether a promise's date passed unkept: with the customer's notes, since it may send an apology.</summary>
    public const string PromiseCheck = "promise";

    public const string FollowUpSweep = "followup";
    public const string EscalationSweep = "escalation";

    public static string Escalation(TargetKind kind) => kind switch
    {
        TargetKind.FirstResponse => EscalateFirstResponse,
        TargetKind.NextUpdate => EscalateNextUpdate,
        TargetKind.Resolution => EscalateResolution,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string SweepOf(string kind) => kind.StartsWith("esc-", StringComparison.Ordinal) ? EscalationSweep : FollowUpSweep;
}
