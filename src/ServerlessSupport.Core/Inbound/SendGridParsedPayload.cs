using System.Globalization;
using System.Text.Json;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Reads SendGrid Inbound Parse in parsed mode (multipart/form-data): <c>headers</c>, <c>from</c>, <c>to</c>, <c>cc</c>,
/// <c>subject</c>, <c>text</c>, <c>html</c>, <c>envelope</c>, <c>charsets</c>, <c>SPF</c>, <c>dkim</c>,
/// <c>spam_score</c>, <c>attachments</c>, <c>attachment-info</c>, <c>content-ids</c> and <c>attachmentN</c>.
/// Each text field is decoded with the charset <c>charsets</c> names for it (UTF-8 when absent or unknown).
/// </summary>
internal static class SendGridParsedPayload
{
    public static InboundParseResult Parse(ReadOnlyMemory<byte> body, string? contentType)
    {
        if (!MultipartFormData.TryParse(body, contentType, out var parts, out var error))
        {
            return InboundParseResult.Failure(error);
        }

        var fields = new Dictionary<string, FormPart>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            if (part.FileName is null)
            {
                fields.TryAdd(part.Name, part);
            }
        }

        var charsets = ReadJson(Raw(fields, "charsets"), InboundJsonContext.Default.DictionaryStringString)
            ?? new Dictionary<string, string>();
        charsets = new Dictionary<string, string>(charsets, StringComparer.OrdinalIgnoreCase);

        string? Field(string name)
        {
            if (!fields.TryGetValue(name, out var part))
            {
                return null;
            }

            var charset = charsets.TryGetValue(name, out var declared) ? declared : part.Charset;
            return Charsets.Decode(part.Content.Span, charset);
        }

        var headers = MailHeaders.Parse(Field("headers"));
        var envelope = ReadJson(Field("envelope"), InboundJsonContext.Default.SendGridEnvelope);
        var info = ReadJson(Field("attachment-info"), InboundJsonContext.Default.DictionaryStringSendGridAttachmentInfo);
        var contentIds = ReadJson(Field("content-ids"), InboundJsonContext.Default.DictionaryStringString);

        var (attachments, contents) = Attachments(parts, info, contentIds);

        var inbound = new InboundFields
        {
            From = NullIfBlank(Field("from")),
            To = NullIfBlank(Field("to")) is { } to ? [to] : null,
            Cc = NullIfBlank(Field("cc")) is { } cc ? [cc] : null,
            Subject = Field("subject"),
            Text = Field("text"),
            Html = Field("html"),
            EnvelopeFrom = envelope?.From,
            EnvelopeTo = envelope?.To,
            SpamScore = double.TryParse(Field("spam_score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) ? score : null,
            Spf = Field("SPF"),
            Dkim = Field("dkim"),
        };

        return InboundEmailAssembler.Assemble(headers, inbound, attachments, contents);
    }

    private static (List<InboundAttachment> Attachments, List<ReadOnlyMemory<byte>> Contents) Attachments(
        IReadOnlyList<FormPart> parts,
        Dictionary<string, SendGridAttachmentInfo>? info,
        Dictionary<string, string>? contentIds)
    {
        var attachments = new List<InboundAttachment>();
        var contents = new List<ReadOnlyMemory<byte>>();
        var cidByField = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (cid, field) in contentIds ?? [])
        {
            cidByField.TryAdd(field, cid);
        }

        foreach (var part in parts)
        {
            SendGridAttachmentInfo? meta = null;
            var isAttachment = part.FileName is not null || (info?.TryGetValue(part.Name, out meta) ?? false);
            if (!isAttachment)
            {
                continue;
            }

            info?.TryGetValue(part.Name, out meta);
            var contentId = MessageIds.Normalize(meta?.ContentId ?? cidByField.GetValueOrDefault(part.Name));
            attachments.Add(new InboundAttachment(
                part.Name,
                InboundEmailAssembler.SafeFileName(meta?.FileName ?? part.FileName ?? meta?.Name, part.Name),
                InboundEmailAssembler.SafeContentType(meta?.Type ?? part.ContentType),
                part.Content.Length,
                contentId));
            contents.Add(part.Content);
        }

        return (attachments, contents);
    }

    private static string? Raw(Dictionary<string, FormPart> fields, string name)
        => fields.TryGetValue(name, out var part) ? Charsets.Utf8.GetString(part.Content.Span) : null;

    private static T? ReadJson<T>(string? json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            // A damaged side field must not lose the mail; the headers still carry what matters.
            return null;
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
