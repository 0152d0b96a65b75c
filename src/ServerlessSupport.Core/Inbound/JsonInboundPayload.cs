using System.Text.Json;
using MimeKit;
using ServerlessSupport.Core.Email;

namespace ServerlessSupport.Core.Inbound;

/// <summary>Reads the JSON form of an inbound mail (<c>POST /api/inbound/json</c>; schema in JSON-SCHEMA.md).</summary>
internal static class JsonInboundPayload
{
    public const int MaxAttachments = 200;

    private const int MaxHeaderValueLength = 64 * 1024;

    public static InboundParseResult Parse(ReadOnlyMemory<byte> body)
    {
        JsonInboundMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(body.Span, InboundJsonContext.Default.JsonInboundMessage);
        }
        catch (JsonException ex)
        {
            return InboundParseResult.Failure($"invalid JSON: {ex.Message}");
        }

        if (message is null)
        {
            return InboundParseResult.Failure("invalid JSON: the body is null");
        }

        using var headers = MimeParsing.LoadHeaders(message.RawHeaders);
        foreach (var (name, value) in message.Headers ?? [])
        {
            AddHeader(headers, name, value);
        }

        var source = message.Attachments ?? [];
        if (source.Count > MaxAttachments)
        {
            return InboundParseResult.Failure($"more than {MaxAttachments} attachments");
        }

        var attachments = new List<InboundAttachment>(source.Count);
        var contents = new List<ReadOnlyMemory<byte>>(source.Count);
        for (var i = 0; i < source.Count; i++)
        {
            var attachment = source[i];
            var fieldName = $"attachment{i + 1}";
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(attachment?.ContentBase64 ?? string.Empty);
            }
            catch (FormatException)
            {
                return InboundParseResult.Failure($"attachments[{i}].contentBase64 is not valid base64");
            }

            attachments.Add(new InboundAttachment(
                fieldName,
                InboundEmailAssembler.SafeFileName(attachment?.FileName, fieldName),
                InboundEmailAssembler.SafeContentType(attachment?.ContentType),
                bytes.Length,
                MessageIds.Normalize(attachment?.ContentId)));
            contents.Add(bytes);
        }

        var fields = new InboundFields
        {
            From = message.From,
            To = message.To,
            Cc = message.Cc,
            ReplyTo = message.ReplyTo,
            Subject = message.Subject,
            Text = message.Text,
            Html = message.Html,
            MessageId = message.MessageId,
            InReplyTo = message.InReplyTo,
            References = message.References,
            Date = message.Date,
            EnvelopeFrom = message.Envelope?.From,
            EnvelopeTo = message.Envelope?.To,
        };

        return InboundEmailAssembler.Assemble(headers, fields, attachments, contents);
    }

    // A JSON header value is one line: CR/LF would let it write further fields into the block.
    private static void AddHeader(MimeMessage headers, string name, string? value)
    {
        try
        {
            headers.Headers.Add(name, HeaderValue.Sanitize(value, MaxHeaderValueLength));
        }
        catch (ArgumentException)
        {
            // Not a valid field name: skipped, as a mail reader would.
        }
    }
}
