namespace ServerlessSupport.Core.Outbound;

/// <summary>
/// One email ready for the provider. Every header value here is already sanitised (no CR/LF) by whoever built it;
/// senders sanitise again at the boundary because a header is the one place where input turns into protocol.
/// </summary>
internal sealed record OutboundEmail(
    Mailbox From,
    IReadOnlyList<Mailbox> To,
    string Subject,
    string Text,
    string? Html,
    string MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? AutoSubmitted,
    Mailbox? ReplyTo = null)
{
    /// <summary>Copied recipients (a ticket's participants on an agent's public reply); never one of <see cref="To"/>.</summary>
    public IReadOnlyList<Mailbox> Cc { get; init; } = [];

    /// <summary>The language the email is written in (a tag such as "de"): its <c>Content-Language</c> header.</summary>
    public string? Language { get; init; }

    /// <summary>Identifies the email at the provider for idempotency and tracing (ticket id and outbox row).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
