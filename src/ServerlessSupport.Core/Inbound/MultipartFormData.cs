using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// A small RFC 7578 multipart/form-data reader over a byte buffer: boundary from the Content-Type (quoted or not),
/// CRLF or bare LF line breaks, part headers read as <see cref="MailHeaders"/>. Parts are slices of the input, not copies.
/// </summary>
internal static class MultipartFormData
{
    public const int MaxParts = 200;

    public const int MaxPartHeaderBytes = 16 * 1024;

    private const int MaxBoundaryLength = 200;

    /// <summary>
    /// Reads every part. Fails on a missing boundary, too many parts, an oversized part header or a part with no closing
    /// delimiter (a truncated body). A missing final <c>--</c> is tolerated when every part was closed.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, string? contentType, [NotNullWhen(true)] out IReadOnlyList<FormPart>? parts, [NotNullWhen(false)] out string? error)
    {
        parts = null;
        var type = HeaderParameters.Parse(contentType);
        if (type.Value != "multipart/form-data")
        {
            error = $"content type is '{Short(type.Value)}', not multipart/form-data";
            return false;
        }

        var boundary = type["boundary"];
        if (string.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength)
        {
            error = "multipart/form-data without a usable boundary";
            return false;
        }

        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.Span;
        var position = FindDelimiter(span, delimiter, 0, atStart: true);
        if (position < 0)
        {
            error = "boundary not found in body";
            return false;
        }

        var list = new List<FormPart>();
        while (true)
        {
            position += delimiter.Length;
            if (span[position..].StartsWith("--"u8))
            {
                break; // close-delimiter
            }

            // Transport padding, then the line break that ends the delimiter line.
            while (position < span.Length && span[position] is (byte)' ' or (byte)'\t')
            {
                position++;
            }

            if (position >= span.Length)
            {
                break; // ends right after a delimiter: every part was closed
            }

            if (span[position] == '\r')
            {
                position++;
            }

            if (position >= span.Length || span[position] != '\n')
            {
                error = "malformed delimiter line";
                return false;
            }

            position++;
            if (position >= span.Length)
            {
                break; // a final delimiter line without "--": every part was closed
            }

            if (list.Count >= MaxParts)
            {
                error = $"more than {MaxParts} parts";
                return false;
            }

            var headerEnd = FindHeaderEnd(span, position, out var bodyStart);
            if (headerEnd < 0)
            {
                error = "part header not terminated or larger than allowed";
                return false;
            }

            var next = FindDelimiter(span, delimiter, bodyStart, atStart: false);
            if (next < 0)
            {
                error = $"part {list.Count + 1} is not closed by a boundary (truncated body)";
                return false;
            }

            var contentEnd = next;
            if (contentEnd > bodyStart && span[contentEnd - 1] == '\n')
            {
                contentEnd--;
                if (contentEnd > bodyStart && span[contentEnd - 1] == '\r')
                {
                    contentEnd--;
                }
            }

            var part = CreatePart(span[position..headerEnd], body[bodyStart..contentEnd]);
            if (part is not null)
            {
                list.Add(part);
            }

            position = next;
        }

        parts = list;
        error = null;
        return true;
    }

    private static FormPart? CreatePart(ReadOnlySpan<byte> headerBytes, ReadOnlyMemory<byte> content)
    {
        var headers = MailHeaders.Parse(Charsets.Utf8.GetString(headerBytes));
        var disposition = HeaderParameters.Parse(headers.Get("Content-Disposition"));
        var name = disposition["name"];
        if (string.IsNullOrEmpty(name))
        {
            return null; // not a form field
        }

        var type = HeaderParameters.Parse(headers.Get("Content-Type"));
        return new FormPart(
            name,
            disposition["filename"],
            type.Value.Length == 0 ? null : type.Value,
            type["charset"],
            content);
    }

    // Finds the end of the part header block; returns the index where the headers end and sets where the content starts.
    private static int FindHeaderEnd(ReadOnlySpan<byte> span, int start, out int bodyStart)
    {
        bodyStart = -1;
        var limit = Math.Min(span.Length, start + MaxPartHeaderBytes);

        // A part with no headers at all starts with the blank line.
        if (span[start..].StartsWith("\r\n"u8))
        {
            bodyStart = start + 2;
            return start;
        }

        if (span[start..].StartsWith("\n"u8))
        {
            bodyStart = start + 1;
            return start;
        }

        for (var i = start; i < limit; i++)
        {
            if (span[i] != '\n')
            {
                continue;
            }

            var after = i + 1;
            if (after < span.Length && span[after] == '\n')
            {
                bodyStart = after + 1;
                return i;
            }

            if (after + 1 < span.Length && span[after] == '\r' && span[after + 1] == '\n')
            {
                bodyStart = after + 2;
                return i;
            }
        }

        return -1;
    }

    // A delimiter counts at the very start of the body or right after a line break.
    private static int FindDelimiter(ReadOnlySpan<byte> span, ReadOnlySpan<byte> delimiter, int from, bool atStart)
    {
        var position = from;
        while (position <= span.Length - delimiter.Length)
        {
            var index = span[position..].IndexOf(delimiter);
            if (index < 0)
            {
                return -1;
            }

            var found = position + index;
            if ((atStart && found == 0) || (found > 0 && span[found - 1] == '\n'))
            {
                return found;
            }

            position = found + 1;
        }

        return -1;
    }

    private static string Short(string value) => value.Length <= 60 ? value : value[..60];
}
