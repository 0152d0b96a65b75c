namespace ServerlessSupport.Core.Inbound;

/// <summary>The classifier's verdict and the signal that decided it (for the audit trail).</summary>
internal readonly record struct MailClassification(MailKind Kind, string Reason)
{
    public bool IsAutomatic => Kind != MailKind.Human;
}
