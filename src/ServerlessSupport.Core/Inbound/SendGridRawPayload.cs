namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Reads SendGrid Inbound Parse in raw mode ("POST the raw, full MIME message"): multipart/form-data whose <c>email</c>
/// field is the whole message as sent, beside <c>to</c>, <c>from</c>, <c>subject</c>, <c>envelope</c>, <c>charsets</c>,
/// <c>SPF</c>, <c>dkim</c>, <c>spam_score</c> and <c>sender_ip</c>. The message itself (read by MimeKit) is the source of
/// sender, recipients, subject, ids, text and attachments; the form adds only what SMTP knew (envelope, SPF, DKIM, spam score).
/// </summary>
internal static class SendGridRawPayload
{
    public const string EmailField = "email";

    public static InboundParseResult Parse(SendGridForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var raw = form.FieldBytes(EmailField);
        if (raw is null || raw.Length == 0)
        {
            return InboundParseResult.Failure("raw mode: the email field is empty");
        }

        MimeKit.MimeMessage message;
        try
        {
            message = MimeParsing.LoadMessage(raw);
        }
        catch (FormatException ex)
        {
            return InboundParseResult.Failure($"raw mode: the email field is not a MIME message ({ex.Message})");
        }

        using (message)
        {
            var body = MimeBody.Read(message, out var error);
            if (error is not null)
            {
                return InboundParseResult.Failure("raw mode: " + error);
            }

            var fields = form.SmtpFields() with { Text = body.Text, Html = body.Html };
            return InboundEmailAssembler.Assemble(message, fields, body.Attachments, body.Contents, body.ForwardOnly);
        }
    }
}
