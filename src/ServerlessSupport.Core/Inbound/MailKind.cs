namespace ServerlessSupport.Core.Inbound;

/// <summary>What sort of sender wrote a mail; everything but <see cref="Human"/> is never answered automatically.</summary>
internal enum MailKind
{
    Human,
    AutoReply,
    Bounce,
    MailingList,
    Bulk,
    OwnMail,

    /// <summary>Abuse and feedback reports, DMARC and TLS reports: machine-written reports other than bounces and read receipts.</summary>
    Report,
}
