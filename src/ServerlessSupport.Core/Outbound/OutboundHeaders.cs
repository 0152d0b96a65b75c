using ServerlessSupport.Core.Email;

namespace ServerlessSupport.Core.Outbound;

/// <summary>
/// The header fields an <see cref="OutboundEmail"/> is sent with besides From, To, Cc, Reply-To and Subject: threading,
/// <c>Auto-Submitted</c> and <c>Content-Language</c>. Every value is sanitised here, at the boundary where text turns
/// into protocol, so no CR/LF from input can reach a header; the SendGrid sender and the local outbox both use this.
/// </summary>
internal static class OutboundHeaders
{
    public static IReadOnlyDictionary<string, string> For(OutboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Add(headers, "Message-ID", email.MessageId);
        Add(headers, "In-Reply-To", email.InReplyTo);

        // Each id is cleaned on its own: one long thread must not get its References cut at a single value's cap.
        Add(headers, "References", string.Join(' ', email.References.Select(r => HeaderValue.Sanitize(r)).Where(r => r.Length > 0)), int.MaxValue);
        Add(headers, "Auto-Submitted", email.AutoSubmitted);
        Add(headers, "Content-Language", email.Language, 35);
        return headers;
    }

    private static void Add(Dictionary<string, string> headers, string name, string? value, int maxLength = HeaderValue.DefaultMaxLength)
    {
        if (HeaderValue.Sanitize(value, maxLength) is { Length: > 0 } clean)
        {
            headers[name] = clean;
        }
    }
}
