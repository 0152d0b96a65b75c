using SendGrid.Helpers.Mail;
using ServerlessSupport.Core.Email;
using ServerlessSupport.Core.Outbound;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>Turns an <see cref="OutboundEmail"/> into the SendGrid package's message, sanitising everything that becomes a header.</summary>
internal static class SendGridMailBuilder
{
    public static SendGridMessage Build(OutboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);

        var message = new SendGridMessage
        {
            From = Address(email.From),
            ReplyTo = email.ReplyTo is null ? null : Address(email.ReplyTo),
            // Top-level subject, headers and custom_args (not per personalization): one recipient list, one mail.
            Subject = HeaderValue.Sanitize(email.Subject),
            Headers = Headers(email),
            CustomArgs = email.Tags.Count == 0 ? null : new Dictionary<string, string>(email.Tags, StringComparer.Ordinal),
        };
        message.AddTos([.. email.To.Select(Recipient)]);

        // The package puts text/plain first on the wire, as SendGrid requires.
        message.AddContent("text/plain", email.Text);
        if (email.Html is not null)
        {
            message.AddContent("text/html", email.Html);
        }

        return message;
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

    private static EmailAddress Address(Mailbox mailbox) =>
        new(HeaderValue.Sanitize(mailbox.Address), Optional(mailbox.Name));

    /// <summary>Sanitised, with an empty result as null so optional fields are left out.</summary>
    private static string? Optional(string? value, int maxLength = HeaderValue.DefaultMaxLength) =>
        HeaderValue.Sanitize(value, maxLength) is { Length: > 0 } clean ? clean : null;

    /// <summary>
    /// SendGrid does not quote recipient display names that hold ',' or ';' (it does for from/reply_to), which splits
    /// the To header into bogus addresses; quoting them ourselves keeps the name whole.
    /// </summary>
    private static EmailAddress Recipient(Mailbox mailbox)
    {
        var address = Address(mailbox);
        if (address.Name is { } name && name.AsSpan().IndexOfAny(',', ';') >= 0)
        {
            address.Name = "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        }

        return address;
    }
}
