using System.Text;
using MimeKit;
using MimeKit.Tnef;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// What a whole MIME message holds for a ticket: its text and HTML body and its attachments. MimeKit decodes every
/// charset and transfer encoding; this decides which parts are the body: the first text/plain and text/html that are not
/// attachments (further inline text parts of a mixed body are appended), everything else becomes an attachment. Outlook's
/// winmail.dat (TNEF) is unpacked into its attachments and body, a forwarded message/rfc822 is kept as an .eml and
/// gives the text when the outer message has none, and signature parts are dropped. A body that declares a boundary it
/// never uses keeps its text (MimeKit leaves it in the preamble).
/// </summary>
internal sealed class MimeBody
{
    /// <summary>A message with more MIME entities than this is refused (bombs, not mail).</summary>
    public const int MaxEntities = 1000;

    /// <summary>Attachments beyond this count are refused with the message (the JSON form has the same cap).</summary>
    public const int MaxAttachments = 200;

    /// <summary>A winmail.dat larger than this stays a file (its compressed RTF body is not worth unpacking).</summary>
    public const int MaxTnefBytes = 10 * 1024 * 1024;

    private static readonly string[] SignatureTypes =
        ["application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"];

    private readonly StringBuilder _text = new();
    private readonly List<InboundAttachment> _attachments = [];
    private readonly List<ReadOnlyMemory<byte>> _contents = [];
    private string? _html;
    private string? _forwardedText;
    private bool _forwards;
    private bool _multipartRoot;
    private int _bodyParts;
    private string? _preamble;
    private int _entities;

    private MimeBody()
    {
    }

    public string Text => _text.Length > 0 ? _text.ToString() : _forwardedText ?? _preamble ?? string.Empty;

    public string? Html => _html;

    public IReadOnlyList<InboundAttachment> Attachments => _attachments;

    public IReadOnlyList<ReadOnlyMemory<byte>> Contents => _contents;

    /// <summary>
    /// Whether the message is a multipart whose parts are forwarded messages and no body part at all, not even an empty
    /// one: how complaint loops forward a reported mail. Mail clients write a body part when a person forwards as an
    /// attachment, and a whole-body <c>message/rfc822</c> (a message resent as it was) is not a multipart.
    /// </summary>
    public bool ForwardOnly => _forwards && _multipartRoot && _bodyParts == 0;

    /// <summary>Reads the message's body; the error says why it cannot be used (too many parts or attachments).</summary>
    public static MimeBody Read(MimeMessage message, out string? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new MimeBody { _multipartRoot = message.Body is Multipart };
        error = message.Body is null ? null : body.Walk(message.Body, unpackTnef: true);
        return body;
    }

    private string? Walk(MimeEntity root, bool unpackTnef)
    {
        // Iterative: depth is bounded by the parser options, but a stack here costs nothing and cannot overflow.
        var pending = new Stack<MimeEntity>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            if (++_entities > MaxEntities)
            {
                return $"more than {MaxEntities} MIME parts";
            }

            var entity = pending.Pop();
            switch (entity)
            {
                case Multipart multipart:
                    if (multipart.Count == 0 && !string.IsNullOrWhiteSpace(multipart.Preamble))
                    {
                        _preamble ??= multipart.Preamble;
                    }

                    for (var i = multipart.Count - 1; i >= 0; i--)
                    {
                        pending.Push(multipart[i]);
                    }

                    break;

                case TextRfc822Headers headers:
                    // A bounce's copy of the original headers: a file to look at, not a message to read.
                    if (Attach(headers, headers.ContentDisposition?.FileName ?? "headers.txt", headers.ContentType.MimeType, WriteMessage(headers)) is { } headersError)
                    {
                        return headersError;
                    }

                    break;

                case MessagePart forwarded:
                    _forwards = true;
                    _forwardedText ??= forwarded.Message?.TextBody ?? (forwarded.Message?.HtmlBody is { } html ? HtmlToText.Convert(html) : null);
                    if (Attach(forwarded, ForwardedFileName(forwarded), forwarded.ContentType.MimeType, WriteMessage(forwarded)) is { } forwardError)
                    {
                        return forwardError;
                    }

                    break;

                case TnefPart tnef when unpackTnef && Length(tnef) <= MaxTnefBytes:
                    if (Unpack(tnef) is { } tnefError)
                    {
                        return tnefError;
                    }

                    break;

                case TextPart text when !text.IsAttachment && text.FileName is null && (text.IsPlain || text.IsHtml):
                    _bodyParts++;
                    AddBody(text);
                    break;

                case MimePart part when !IsSignature(part):
                    if (Attach(part, part.FileName, part.ContentType.MimeType, MimeParsing.Bytes(part)) is { } partError)
                    {
                        return partError;
                    }

                    break;
            }
        }

        return null;
    }

    private void AddBody(TextPart part)
    {
        if (part.IsHtml)
        {
            _html ??= part.Text;
            return;
        }

        if (_text.Length > 0)
        {
            _text.Append('\n');
        }

        _text.Append(part.Text);
    }

    private string? Unpack(TnefPart tnef)
    {
        MimeMessage converted;
        try
        {
            converted = tnef.ConvertToMessage();
        }
        catch (Exception ex) when (ex is TnefException or FormatException or ArgumentException or InvalidOperationException or IOException)
        {
            // Not TNEF after all: keep the file as it came.
            return Attach(tnef, tnef.FileName, tnef.ContentType.MimeType, MimeParsing.Bytes(tnef));
        }

        // Outlook puts the body both in the outer message and in winmail.dat: the outer text wins, the TNEF text only
        // fills in when there is none (its HTML, like any, only when there is no HTML yet).
        var textLength = _text.Length;
        var error = converted.Body is null ? null : Walk(converted.Body, unpackTnef: false);
        if (textLength > 0)
        {
            _text.Length = textLength;
        }

        return error;
    }

    private string? Attach(MimeEntity entity, string? fileName, string contentType, byte[] content)
    {
        if (_attachments.Count >= MaxAttachments)
        {
            return $"more than {MaxAttachments} attachments";
        }

        var field = "part" + (_attachments.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _attachments.Add(new InboundAttachment(
            field,
            InboundEmailAssembler.SafeFileName(fileName, field),
            InboundEmailAssembler.SafeContentType(contentType),
            content.Length,
            MessageIds.Normalize(entity.ContentId)));
        _contents.Add(content);
        return null;
    }

    private static string ForwardedFileName(MessagePart part)
    {
        if (part.ContentDisposition?.FileName is { Length: > 0 } name)
        {
            return name;
        }

        var subject = part.Message?.Subject;
        return string.IsNullOrWhiteSpace(subject) ? "forwarded.eml" : subject + ".eml";
    }

    private static byte[] WriteMessage(MessagePart part)
    {
        using var stream = new MemoryStream();
        part.Message?.WriteTo(FormatOptions.Default, stream);
        return stream.ToArray();
    }

    private static long Length(MimePart part) => part.Content?.Stream is { CanSeek: true } stream ? stream.Length : long.MaxValue;

    private static bool IsSignature(MimePart part)
        => Array.Exists(SignatureTypes, type => part.ContentType.MimeType.Equals(type, StringComparison.OrdinalIgnoreCase));
}
