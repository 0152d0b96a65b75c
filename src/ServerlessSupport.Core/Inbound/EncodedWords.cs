using System.Text;

namespace ServerlessSupport.Core.Inbound;

/// <summary>Decodes RFC 2047 encoded words (<c>=?charset?B|Q?text?=</c>); never throws.</summary>
internal static class EncodedWords
{
    private const int MaxWordLength = 4096;

    /// <summary>
    /// Decodes every encoded word in <paramref name="value"/>. Whitespace between two adjacent encoded words is dropped
    /// (RFC 2047 §6.2), and adjacent words in the same charset are decoded together so a multi-byte character split across
    /// two words survives. A word with an unknown charset or invalid payload is left as it is.
    /// </summary>
    public static string Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (!value.Contains("=?", StringComparison.Ordinal))
        {
            return value;
        }

        var output = new StringBuilder(value.Length);
        var pending = new List<byte>();
        Encoding? pendingEncoding = null;
        var position = 0;
        var previousWasEncoded = false;

        while (position < value.Length)
        {
            var start = value.IndexOf("=?", position, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            if (!TryReadWord(value, start, out var word))
            {
                FlushPending();
                output.Append(value, position, start + 2 - position);
                position = start + 2;
                previousWasEncoded = false;
                continue;
            }

            var between = value.AsSpan(position, start - position);
            if (!Charsets.TryGet(word.Charset, out var encoding) || !TryDecodePayload(word, out var bytes))
            {
                FlushPending();
                output.Append(between).Append(value, start, word.Length);
                position = start + word.Length;
                previousWasEncoded = false;
                continue;
            }

            if (!previousWasEncoded || !between.IsWhiteSpace())
            {
                FlushPending();
                output.Append(between);
            }

            if (pendingEncoding is not null && !ReferenceEquals(pendingEncoding, encoding))
            {
                FlushPending();
            }

            pendingEncoding = encoding;
            pending.AddRange(bytes);
            position = start + word.Length;
            previousWasEncoded = true;
        }

        FlushPending();
        output.Append(value, position, value.Length - position);
        return output.ToString();

        void FlushPending()
        {
            if (pendingEncoding is not null)
            {
                output.Append(pendingEncoding.GetString([.. pending]));
                pending.Clear();
                pendingEncoding = null;
            }
        }
    }

    private static bool TryReadWord(string value, int start, out EncodedWord word)
    {
        word = default;
        var limit = Math.Min(value.Length, start + MaxWordLength);
        var charsetEnd = value.IndexOf('?', start + 2, limit - start - 2);
        if (charsetEnd < 0 || charsetEnd == start + 2 || charsetEnd + 2 >= limit || value[charsetEnd + 2] != '?')
        {
            return false;
        }

        var mode = char.ToUpperInvariant(value[charsetEnd + 1]);
        if (mode is not ('B' or 'Q'))
        {
            return false;
        }

        var textStart = charsetEnd + 3;
        var textEnd = value.IndexOf("?=", textStart, limit - textStart, StringComparison.Ordinal);
        if (textEnd < 0)
        {
            return false;
        }

        var charset = value[(start + 2)..charsetEnd];
        var text = value[textStart..textEnd];

        // An encoded word holds no whitespace; lenient decoders still refuse those, as it usually means prose, not a word.
        if (charset.AsSpan().ContainsAny(" \t\r\n") || text.AsSpan().ContainsAny(" \t\r\n"))
        {
            return false;
        }

        word = new EncodedWord(charset, mode, text, textEnd + 2 - start);
        return true;
    }

    private static bool TryDecodePayload(EncodedWord word, out byte[] bytes)
        => word.Mode == 'B' ? TryDecodeBase64(word.Text, out bytes) : TryDecodeQ(word.Text, out bytes);

    private static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        // Some mailers drop the padding; restore it before decoding.
        var padded = (text.Length % 4) switch
        {
            0 => text,
            2 => text + "==",
            3 => text + "=",
            _ => null,
        };

        bytes = [];
        if (padded is null)
        {
            return false;
        }

        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    private static bool TryDecodeQ(string text, out byte[] bytes)
    {
        var buffer = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_')
            {
                buffer.Add((byte)' ');
            }
            else if (c == '=' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                buffer.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else if (c > 0x7E)
            {
                // 8-bit text inside a Q word is not legal; refuse the word so it stays visible as written.
                bytes = [];
                return false;
            }
            else
            {
                buffer.Add((byte)c);
            }
        }

        bytes = [.. buffer];
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (char.ToUpperInvariant(c) - 'A') + 10;

    private readonly record struct EncodedWord(string Charset, char Mode, string Text, int Length);
}
