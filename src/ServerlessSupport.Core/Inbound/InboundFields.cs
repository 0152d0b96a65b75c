namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// What a payload says about a mail outside its header block. Each value, when given, wins over the header of the same
/// meaning (SendGrid's form fields are already decoded; JSON clients state them explicitly).
/// </summary>
internal sealed record InboundFields
{
    public string? From { get; init; }

    public IReadOnlyList<string>? To { get; init; }

    public IReadOnlyList<string>? Cc { get; init; }

    public string? ReplyTo { get; init; }

    public string? Subject { get; init; }

    public string? Text { get; init; }

    public string? Html { get; init; }

    public string? MessageId { get; init; }

    public string? InReplyTo { get; init; }

    public IReadOnlyList<string>? References { get; init; }

    public string? Date { get; init; }

    public string? EnvelopeFrom { get; init; }

    public IReadOnlyList<string>? EnvelopeTo { get; init; }

    public double? SpamScore { get; init; }

    public string? Spf { get; init; }

    public string? Dkim { get; init; }
}
