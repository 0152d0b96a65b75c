using ServerlessSupport.Core.Email;

namespace ServerlessSupport.Core.Inbound;

/// <summary>Builds the normalised <see cref="InboundEmail"/> from a header block plus payload fields.</summary>
internal static class InboundEmailAssembler
{
    private const int MaxSubjectLength = 2000;
    private const int MaxFileNameLength = 255;

    public static InboundParseResult Assemble(
        MailHeaders headers,
        InboundFields fields,
        IReadOnlyList<InboundAttachment> attachments,
        IReadOnlyList<ReadOnlyMemory<byte>> contents)
    {
        var from = First(fields.From) ?? First(headers.Get("From")) ?? First(headers.Get("Sender"));
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

        var references = fields.References is { Count: > 0 }
            ? fields.References.SelectMany(MessageIds.Parse).Distinct(MessageIds.Comparer).ToList()
            : MessageIds.Parse(string.Join(' ', headers.GetAll("References")));

        var email = new InboundEmail
        {
            From = from,
            To = Addresses(fields.To, headers.GetAll("To")),
            Cc = Addresses(fields.Cc, headers.GetAll("Cc")),
            ReplyTo = First(fields.ReplyTo) ?? First(headers.Get("Reply-To")),
            Subject = HeaderValue.Sanitize(EncodedWords.Decode(fields.Subject ?? headers.Get("Subject")), MaxSubjectLength),
            MessageId = MessageIds.ParseSingle(fields.MessageId ?? headers.Get("Message-ID")),
            InReplyTo = MessageIds.ParseSingle(fields.InReplyTo ?? headers.Get("In-Reply-To")),
            References = references,
            Date = MailDate.Parse(fields.Date ?? headers.Get("Date")),
            Text = text,
            Html = html,
            DisplayText = QuotedHistory.Strip(text),
            Headers = headers,
            Attachments = attachments,
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
        var decoded = EncodedWords.Decode(name);
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
        var value = HeaderParameters.Parse(contentType).Value;
        return value.Length is > 0 and <= 127 && value.Contains('/', StringComparison.Ordinal) && !value.Any(char.IsWhiteSpace)
            ? value
            : "application/octet-stream";
    }

    private static EmailAddress? First(string? value)
    {
        var list = MailAddressParser.ParseList(value);
        return list.Count > 0 ? list[0] : null;
    }

    private static List<EmailAddress> Addresses(IReadOnlyList<string>? fieldValues, IReadOnlyList<string> headerValues)
    {
        var source = fieldValues ?? headerValues;
        var result = new List<EmailAddress>();
        foreach (var value in source)
        {
            foreach (var address in MailAddressParser.ParseList(value))
            {
                if (!result.Contains(address))
                {
                    result.Add(address);
                }
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
