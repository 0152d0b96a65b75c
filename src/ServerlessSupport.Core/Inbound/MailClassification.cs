namespace ServerlessSupport.Core.Inbound;

/// <summary>The classifier's verdict and the signal that decided it (for the audit trail).</summary>
/// <param name="SuppressAutoReply">
/// A person's mail that asks not to be answered automatically (<c>X-Auto-Response-Suppress</c>): it opens a ticket like
/// any other, but gets no acknowledgment. Always false for automatic mail, which is never answered anyway.
/// </param>
/// <param name="ProbablyAutomatic">
/// Mail that is probably automatic but not certainly (a no-reply sender, a bare forwarded message): it opens a ticket
/// for the agents, without an acknowledgment (<see cref="SuppressAutoReply"/> is set too).
/// </param>
internal readonly record struct MailClassification(MailKind Kind, string Reason, bool SuppressAutoReply = false, bool ProbablyAutomatic = false)
{
    public bool IsAutomatic => Kind != MailKind.Human;

    /// <summary>Whether an automatic answer (the acknowledgment) may go to the sender.</summary>
    public bool MayAutoReply => !IsAutomatic && !SuppressAutoReply;
}
