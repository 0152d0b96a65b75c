using MimeKit;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Reads SendGrid Inbound Parse in parsed mode (multipart/form-data): <c>headers</c>, <c>from</c>, <c>to</c>, <c>cc</c>,
/// <c>subject</c>, <c>text</c>, <c>html</c>, <c>envelope</c>, <c>charsets</c>, <c>SPF</c>, <c>dkim</c>,
/// <c>spam_score</c>, <c>attachments</c>, <c>attachment-info</c>, <c>content-ids</c> and <c>attachmentN</c>. The
/// decoded fields win over the header block, which MimeKit reads for the rest (ids, dates, automatic-mail signals).
/// </summary>
internal static class SendGridParsedPayload
{
    public static InboundParseResult Parse(SendGridForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        using var headers = MimeParsing.LoadHeaders(form.Text("headers"));
        var info = form.Json("attachment-info", InboundJsonContext.Default.DictionaryStringSendGridAttachmentInfo);
        var contentIds = form.Json("content-ids", InboundJsonContext.Default.DictionaryStringString);
        var (attachments, contents) = Attachments(form.Parts, info, contentIds);

        var fields = form.SmtpFields() with
        {
            From = NullIfBlank(form.Text("from")),
            To = NullIfBlank(form.Text("to")) is { } to ? [to] : null,
            Cc = NullIfBlank(form.Text("cc")) is { } cc ? [cc] : null,
            Subject = form.Text("subject"),
            Text = form.Text("text"),
            Html = form.Text("html"),
        };

        return InboundEmailAssembler.Assemble(headers, fields, attachments, contents);
    }

    private static (List<InboundAttachment> Attachments, List<ReadOnlyMemory<byte>> Contents) Attachments(
        IReadOnlyList<MimePart> parts,
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
            var name = SendGridForm.NameOf(part);
            SendGridAttachmentInfo? meta = null;
            var isAttachment = part.FileName is not null || (info?.TryGetValue(name, out meta) ?? false);
            if (!isAttachment)
            {
                continue;
            }

            info?.TryGetValue(name, out meta);
            var content = SendGridForm.Bytes(part);
            attachments.Add(new InboundAttachment(
                name,
                InboundEmailAssembler.SafeFileName(meta?.FileName ?? part.FileName ?? meta?.Name, name),
                InboundEmailAssembler.SafeContentType(meta?.Type ?? (part.Headers.Contains(HeaderId.ContentType) ? part.ContentType.MimeType : null)),
                content.Length,
                MessageIds.Normalize(meta?.ContentId ?? cidByField.GetValueOrDefault(name))));
            contents.Add(content);
        }

        return (attachments, contents);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
