using System.Globalization;
using System.Text;
using MimeKit;
using MimeKit.Utils;
using ServerlessSupport.Core.Email;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// The one place inbound mail meets MimeKit's parsers: one set of parser options (bounded nesting), header blocks,
/// address lists, encoded words and dates. Everything here is lenient: unreadable input gives nothing, never an exception.
/// </summary>
internal static class MimeParsing
{
    /// <summary>Deeper MIME nesting is not parsed into parts (real mail nests a handful of levels; bombs nest thousands).</summary>
    public const int MaxMimeDepth = 32;

    /// <summary>Loose parsing as mail clients do; nesting bounded by <see cref="MaxMimeDepth"/>.</summary>
    public static ParserOptions Options { get; }

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    static MimeParsing()
    {
        Options = ParserOptions.Default.Clone();
        Options.MaxMimeDepth = MaxMimeDepth;
    }

    /// <summary>
    /// A whole message, read as it was sent; throws <see cref="FormatException"/> when the bytes are not a message at all.
    /// </summary>
    public static MimeMessage LoadMessage(ReadOnlyMemory<byte> bytes)
    {
        using var stream = AsStream(bytes);
        return MimeMessage.Load(Options, stream);
    }

    /// <summary>
    /// A header block alone (SendGrid's <c>headers</c> field, JSON <c>rawHeaders</c>) as a message without a body, so the
    /// typed views (From, Subject, References…) come from MimeKit too. Null or empty input gives a message without headers.
    /// </summary>
    public static MimeMessage LoadHeaders(string? rawHeaders)
    {
        // The blank line ends the block even when the text has none; a message with no headers at all is still a message.
        var bytes = Utf8.GetBytes((rawHeaders ?? string.Empty).TrimEnd('\r', '\n') + "\r\n\r\n");
        try
        {
            return LoadMessage(bytes);
        }
        catch (FormatException)
        {
            return LoadMessage("\r\n"u8.ToArray());
        }
    }

    /// <summary>
    /// The message's header block as it was written: MimeKit keeps the Content-* fields on the body entity, the
    /// classifier wants them beside the rest (<c>multipart/report</c> is an automatic-mail signal).
    /// </summary>
    public static HeaderList AllHeaders(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var all = new HeaderList();
        foreach (var header in message.Headers.Concat(message.Body?.Headers ?? []))
        {
            all.Add(header.Clone());
        }

        return all;
    }

    /// <summary>
    /// The decoded subject on one line. Decoded from the raw value rather than MimeKit's unfolded one, which drops a
    /// CR/LF hidden in an encoded word and so glues words together; here it becomes a space like any line break.
    /// </summary>
    public static string Subject(MimeMessage message, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(message);
        var index = message.Headers.IndexOf(HeaderId.Subject);
        return index < 0 ? string.Empty : HeaderValue.Sanitize(Rfc2047.DecodeText(Options, message.Headers[index].RawValue), maxLength);
    }

    /// <summary>A part's content with its transfer encoding (base64, quoted-printable) undone.</summary>
    public static byte[] Bytes(MimePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.Content is null)
        {
            return [];
        }

        using var stream = new MemoryStream();
        part.Content.DecodeTo(stream);
        return stream.ToArray();
    }

    /// <summary>Every mailbox in an address-list value (groups flattened); entries that are not addresses are skipped.</summary>
    public static List<EmailAddress> Addresses(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !InternetAddressList.TryParse(Options, value, out var list))
        {
            return [];
        }

        return Addresses(list);
    }

    /// <summary>Every mailbox of a parsed list (groups flattened), de-duplicated by address.</summary>
    public static List<EmailAddress> Addresses(InternetAddressList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var result = new List<EmailAddress>();
        foreach (var mailbox in list.Mailboxes)
        {
            if (EmailAddress.TryCreate(mailbox.Address, mailbox.Name, out var address) && !result.Contains(address))
            {
                result.Add(address);
            }
        }

        return result;
    }

    /// <summary>RFC 2047 encoded words decoded (SendGrid's decoded fields sometimes still hold some); null gives empty.</summary>
    public static string DecodeText(string? value)
        => string.IsNullOrEmpty(value) || !value.Contains("=?", StringComparison.Ordinal)
            ? value ?? string.Empty
            : Rfc2047.DecodeText(Options, Utf8.GetBytes(value));

    /// <summary>An RFC 5322 date (obsolete forms included) or, for JSON clients, ISO 8601; null when neither.</summary>
    public static DateTimeOffset? Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateUtils.TryParse(value, out var date))
        {
            return date;
        }

        var text = value.Trim();
        return char.IsAsciiDigit(text[0]) && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date)
                ? date
                : null;
    }

    /// <summary>A read-only stream over the bytes, without copying them when they sit in an array.</summary>
    public static MemoryStream AsStream(ReadOnlyMemory<byte> bytes)
        => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
