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
            Headers = OutboundHeaders.For(email) is { Count: > 0 } headers ? new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase) : null,
            CustomArgs = email.Tags.Count == 0 ? null : new Dictionary<string, string>(email.Tags, StringComparer.Ordinal),
        };
        message.AddTos([.. email.To.Select(Recipient)]);

        // SendGrid refuses an address that is both a To and a Cc of one personalization.
        var cc = email.Cc.Where(c => !email.To.Any(t => string.Equals(t.Address, c.Address, StringComparison.OrdinalIgnoreCase)))
            .DistinctBy(c => c.Address, StringComparer.OrdinalIgnoreCase)
            .Select(Recipient)
            .ToList();
        if (cc.Count > 0)
        {
            message.AddCcs(cc);
        }

        // The package puts text/plain first on the wire, as SendGrid requires.
        message.AddContent("text/plain", email.Text);
        if (email.Html is not null)
        {
            message.AddContent("text/html", email.Html);
        }

        return message;
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
