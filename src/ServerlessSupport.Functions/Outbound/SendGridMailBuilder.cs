using ServerlessSupport.Core.Email;
using ServerlessSupport.Core.Outbound;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>Turns an <see cref="OutboundEmail"/> into SendGrid's JSON, sanitising everything that becomes a header.</summary>
internal static class SendGridMailBuilder
{
    public static SendGridMail Build(OutboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);

        var content = new List<SendGridContent>(2) { new("text/plain", email.Text) };
        if (email.Html is not null)
        {
            content.Add(new SendGridContent("text/html", email.Html));
        }

        return new SendGridMail(
            [new SendGridPersonalization([.. email.To.Select(Recipient)])],
            Address(email.From),
            email.ReplyTo is null ? null : Address(email.ReplyTo),
            HeaderValue.Sanitize(email.Subject),
            content,
            Headers(email),
            email.Tags.Count == 0 ? null : new Dictionary<string, string>(email.Tags, StringComparer.Ordinal));
    }

    private static Dictionary<string, string>? Headers(OutboundEmail email)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Add(headers, "Message-ID", email.MessageId);
        Add(headers, "In-Reply-To", email.InReplyTo);
        // Each id is cleaned on its own: one long thread must not get its References cut at a single value's cap.
        Add(headers, "References", string.Join(' ', email.References.Select(r => HeaderValue.Sanitize(r)).Where(r => r.Length > 0)), int.MaxValue);
        Add(headers, "Auto-Submitted", email.AutoSubmitted);
        return headers.Count == 0 ? null : headers;
    }

    private static void Add(Dictionary<string, string> headers, string name, string? value, int maxLength = HeaderValue.DefaultMaxLength)
    {
        if (Optional(value, maxLength) is { } clean)
        {
            headers[name] = clean;
        }
    }

    private static SendGridAddress Address(Mailbox mailbox) =>
        new(HeaderValue.Sanitize(mailbox.Address), Optional(mailbox.Name));

    /// <summary>Sanitised, with an empty result as null so optional fields are left out.</summary>
    private static string? Optional(string? value, int maxLength = HeaderValue.DefaultMaxLength) =>
        HeaderValue.Sanitize(value, maxLength) is { Length: > 0 } clean ? clean : null;

    /// <summary>
    /// SendGrid does not quote recipient display names that hold ',' or ';' (it does for from/reply_to), which splits
    /// the To header into bogus addresses; quoting them ourselves keeps the name whole.
    /// </summary>
    private static SendGridAddress Recipient(Mailbox mailbox)
    {
        var address = Address(mailbox);
        return address.Name is { } name && name.AsSpan().IndexOfAny(',', ';') >= 0
            ? address with { Name = "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" }
            : address;
    }
}
