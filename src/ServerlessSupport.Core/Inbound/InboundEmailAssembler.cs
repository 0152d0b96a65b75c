using MimeKit;
using ServerlessSupport.Core.Email;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Builds the normalised <see cref="InboundEmail"/> from a message as MimeKit read it (a whole raw message, or a header
/// block alone) plus payload fields, which win where given.
/// </summary>
internal static class InboundEmailAssembler
{
    private const int MaxSubjectLength = 2000;
    private const int MaxFileNameLength = 255;

    public static InboundParseResult Assemble(
        MimeMessage message,
        InboundFields fields,
        IReadOnlyList<InboundAttachment> attachments,
        IReadOnlyList<ReadOnlyMemory<byte>> contents,
        bool forwardOnly = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(fields);
        var from = First(fields.From) ?? First(message.From) ?? First(message.Sender is null ? [] : new InternetAddressList([message.Sender]));
        if (from is null)
        {
            return InboundParseResult.Failure("no sender address: From is missing or not an address");
        }

        var text = NormalizeNewlines(fields.Text);
        var html = string.IsNullOrWhiteSpace(fields.Html) ? null : fields.Html;
        if (text.Trim().Length == 0 && html is not null)
        {
            text = HtmlToText.Convert(html);
        }

        var email = new InboundEmail
        {
            From = from,
            To = fields.To is null ? MimeParsing.Addresses(message.To) : Addresses(fields.To),
            Cc = fields.Cc is null ? MimeParsing.Addresses(message.Cc) : Addresses(fields.Cc),
            ReplyTo = First(fields.ReplyTo) ?? First(message.ReplyTo),
            Subject = fields.Subject is null ? MimeParsing.Subject(message, MaxSubjectLength) : HeaderValue.Sanitize(MimeParsing.DecodeText(fields.Subject), MaxSubjectLength),
            MessageId = fields.MessageId is null ? MessageIds.Normalize(message.MessageId) : MessageIds.ParseSingle(fields.MessageId),
            InReplyTo = fields.InReplyTo is null ? MessageIds.Normalize(message.InReplyTo) : MessageIds.ParseSingle(fields.InReplyTo),
            References = fields.References is { Count: > 0 }
                ? MessageIds.Distinct(fields.References.SelectMany(MessageIds.Parse))
                : MessageIds.Distinct(message.References),
            Date = MimeParsing.Date(fields.Date ?? message.Headers[HeaderId.Date]),
            Text = text,
            Html = html,
            DisplayText = QuotedHistory.Strip(text),
            Headers = MimeParsing.AllHeaders(message),
            Attachments = attachments,
            ForwardOnly = forwardOnly,
            EnvelopeFrom = fields.EnvelopeFrom,
            EnvelopeTo = fields.EnvelopeTo ?? [],
            SpamScore = fields.SpamScore,
            Spf = Clean(fields.Spf),
            Dkim = Clean(fields.Dkim),
        };

        return InboundParseResult.Success(email, contents);
    }

    /// <summary>A file name safe to show and store: last path segment, no control characters, bounded length.</summary>
    public static string SafeFileName(string? name, string fallback)
    {
        var decoded = MimeParsing.DecodeText(name);
        var lastSeparator = decoded.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
        {
            decoded = decoded[(lastSeparator + 1)..];
        }

        var safe = HeaderValue.Sanitize(decoded, MaxFileNameLength).Trim('.', ' ');
        return safe.Length == 0 ? fallback : safe;
    }

    /// <summary>A media type in lower case without parameters, <c>application/octet-stream</c> when unusable.</summary>
    public static string SafeContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !ContentType.TryParse(MimeParsing.Options, contentType, out var parsed))
        {
            return "application/octet-stream";
        }

        var value = parsed.MimeType.ToLowerInvariant();
        return value.Length is > 2 and <= 127 && !value.Any(char.IsWhiteSpace) ? value : "application/octet-stream";
    }

    private static EmailAddress? First(string? value)
    {
        var list = MimeParsing.Addresses(value);
        return list.Count > 0 ? list[0] : null;
    }

    private static EmailAddress? First(InternetAddressList list)
    {
        var addresses = MimeParsing.Addresses(list);
        return addresses.Count > 0 ? addresses[0] : null;
    }

    private static List<EmailAddress> Addresses(IReadOnlyList<string> values)
    {
        var result = new List<EmailAddress>();
        foreach (var address in values.SelectMany(MimeParsing.Addresses))
        {
            if (!result.Contains(address))
            {
                result.Add(address);
            }
        }

        return result;
    }

    private static string NormalizeNewlines(string? text)
        => string.IsNullOrEmpty(text)
            ? string.Empty
            : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string? Clean(string? value)
    {
        var clean = HeaderValue.Sanitize(value, 1000);
        return clean.Length == 0 ? null : clean;
    }
}
