using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MimeKit;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// A SendGrid Inbound Parse POST (multipart/form-data) as MimeKit reads it: the plain fields by name, and the file
/// parts in order. Text fields are decoded with the charset SendGrid's <c>charsets</c> field names for them.
/// </summary>
internal sealed class SendGridForm
{
    /// <summary>A form with more parts than this is refused (SendGrid sends a dozen fields plus the attachments).</summary>
    public const int MaxParts = 250;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Dictionary<string, MimePart> _fields;
    private readonly Dictionary<string, string> _charsets;

    private SendGridForm(Dictionary<string, MimePart> fields, IReadOnlyList<MimePart> parts)
    {
        _fields = fields;
        Parts = parts;
        _charsets = new Dictionary<string, string>(
            ReadJson(Raw("charsets"), InboundJsonContext.Default.DictionaryStringString) ?? [],
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every part, in the order posted.</summary>
    public IReadOnlyList<MimePart> Parts { get; }

    public static bool TryRead(ReadOnlyMemory<byte> body, string? contentType, [NotNullWhen(true)] out SendGridForm? form, [NotNullWhen(false)] out string? error)
    {
        form = null;
        if (!ContentType.TryParse(MimeParsing.Options, contentType ?? string.Empty, out var type) || !type.IsMimeType("multipart", "form-data"))
        {
            error = "not multipart/form-data";
            return false;
        }

        if (string.IsNullOrEmpty(type.Boundary))
        {
            error = "multipart/form-data without a boundary";
            return false;
        }

        // MimeKit reads what it can of a form cut short; a POST that lost its end is not one to act on.
        if (body.Span.IndexOf(Encoding.ASCII.GetBytes("--" + type.Boundary + "--")) < 0)
        {
            error = "the form has no closing boundary (truncated)";
            return false;
        }

        MimeEntity entity;
        using (var stream = MimeParsing.AsStream(body))
        {
            entity = MimeEntity.Load(MimeParsing.Options, type, stream);
        }

        if (entity is not Multipart multipart || multipart.Count == 0)
        {
            error = "the form holds no parts";
            return false;
        }

        if (multipart.Count > MaxParts)
        {
            error = $"more than {MaxParts} form parts";
            return false;
        }

        var fields = new Dictionary<string, MimePart>(StringComparer.OrdinalIgnoreCase);
        var parts = new List<MimePart>(multipart.Count);
        foreach (var child in multipart)
        {
            if (child is MimePart part && child.ContentDisposition?.Parameters["name"] is { Length: > 0 } name)
            {
                parts.Add(part);
                if (part.FileName is null)
                {
                    fields.TryAdd(name, part);
                }
            }
        }

        form = new SendGridForm(fields, parts);
        error = null;
        return true;
    }

    /// <summary>The form field name of a part.</summary>
    public static string NameOf(MimePart part) => part?.ContentDisposition?.Parameters["name"] ?? string.Empty;

    /// <summary>The raw bytes of a part as posted (form parts carry no transfer encoding).</summary>
    public static byte[] Bytes(MimePart part) => MimeParsing.Bytes(part);

    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>A field's bytes, or null when the form does not have it.</summary>
    public byte[]? FieldBytes(string name) => _fields.TryGetValue(name, out var part) ? Bytes(part) : null;

    /// <summary>
    /// A field as text, in the charset <c>charsets</c> names for it, else the part's own charset, else UTF-8 (MimeKit
    /// falls back when a charset is unknown or the bytes are not what it says); a leading byte-order mark is dropped.
    /// </summary>
    public string? Text(string name)
    {
        if (!_fields.TryGetValue(name, out var part))
        {
            return null;
        }

        var bytes = Bytes(part);
        var charset = _charsets.TryGetValue(name, out var declared) ? declared : part.ContentType.Charset;
        return Decode(bytes, charset).TrimStart('\uFEFF');
    }

    /// <summary>What SMTP knew, the same in both modes: <c>envelope</c>, <c>SPF</c>, <c>dkim</c>, <c>spam_score</c>.</summary>
    public InboundFields SmtpFields()
    {
        var envelope = Json("envelope", InboundJsonContext.Default.SendGridEnvelope);
        return new InboundFields
        {
            EnvelopeFrom = envelope?.From,
            EnvelopeTo = envelope?.To,
            SpamScore = double.TryParse(Text("spam_score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) ? score : null,
            Spf = Text("SPF"),
            Dkim = Text("dkim"),
        };
    }

    /// <summary>A JSON side field (<c>envelope</c>, <c>attachment-info</c>…); null when absent or damaged.</summary>
    public T? Json<T>(string name, JsonTypeInfo<T> type)
        where T : class
        => ReadJson(Text(name), type);

    private string? Raw(string name) => _fields.TryGetValue(name, out var part) ? Utf8.GetString(Bytes(part)) : null;

    private static string Decode(byte[] bytes, string? charset)
    {
        // A TextPart decodes through MimeKit's charset table (aliases, code pages, UTF-8 → Latin-1 fallback).
        using var text = new TextPart("plain") { Content = new MimeContent(new MemoryStream(bytes, writable: false)) };
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                return text.GetText(charset.Trim().Trim('"', '\''));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                // Unknown charset label: read it as MimeKit reads an undeclared part.
            }
        }

        return text.Text;
    }

    private static T? ReadJson<T>(string? json, JsonTypeInfo<T> type)
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
}
