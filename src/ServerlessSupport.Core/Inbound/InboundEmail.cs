using MimeKit;

namespace ServerlessSupport.Core.Inbound;

/// <summary>One inbound email, normalised from a SendGrid or JSON payload.</summary>
internal sealed record InboundEmail
{
    public required EmailAddress From { get; init; }

    public IReadOnlyList<EmailAddress> To { get; init; } = [];

    public IReadOnlyList<EmailAddress> Cc { get; init; } = [];

    public EmailAddress? ReplyTo { get; init; }

    /// <summary>Decoded, on one line.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Without angle brackets (see <see cref="MessageIds"/>).</summary>
    public string? MessageId { get; init; }

    public string? InReplyTo { get; init; }

    /// <summary>Oldest first, as in the header.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    public DateTimeOffset? Date { get; init; }

    /// <summary>The full plain-text body (from the HTML part when there was no text part), LF line endings.</summary>
    public string Text { get; init; } = string.Empty;

    public string? Html { get; init; }

    /// <summary>The new part of <see cref="Text"/>: quoted history stripped.</summary>
    public string DisplayText { get; init; } = string.Empty;

    /// <summary>The mail's header fields as MimeKit read them (values unfolded and decoded).</summary>
    public HeaderList Headers { get; init; } = [];

    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    /// <summary>The body is nothing but attached messages: no text of the sender's own (a complaint loop's forward).</summary>
    public bool ForwardOnly { get; init; }

    /// <summary>SMTP MAIL FROM; empty string for a null reverse-path (bounces), null when unknown.</summary>
    public string? EnvelopeFrom { get; init; }

    public IReadOnlyList<string> EnvelopeTo { get; init; } = [];

    public double? SpamScore { get; init; }

    public string? Spf { get; init; }

    public string? Dkim { get; init; }

    /// <summary>Every id this mail refers to, nearest first: In-Reply-To, then References newest to oldest.</summary>
    public IReadOnlyList<string> ThreadIds()
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(MessageIds.Comparer);
        if (InReplyTo is not null && seen.Add(InReplyTo))
        {
            ids.Add(InReplyTo);
        }

        for (var i = References.Count - 1; i >= 0; i--)
        {
            if (seen.Add(References[i]))
            {
                ids.Add(References[i]);
            }
        }

        return ids;
    }
}
