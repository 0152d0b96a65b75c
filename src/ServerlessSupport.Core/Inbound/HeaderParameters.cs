using System.Text;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// A header value of the form <c>token; name=value; name="quoted"</c> (Content-Type, Content-Disposition), with RFC 2231
/// extended parameters (<c>name*=charset'lang'percent-encoded</c> and <c>name*0*=</c> continuations).
/// </summary>
internal sealed class HeaderParameters
{
    private const int MaxParameters = 64;

    private readonly Dictionary<string, string> _parameters;

    private HeaderParameters(string value, Dictionary<string, string> parameters)
    {
        Value = value;
        _parameters = parameters;
    }

    /// <summary>The leading token, lower-cased (e.g. <c>multipart/form-data</c>, <c>form-data</c>).</summary>
    public string Value { get; }

    /// <summary>A parameter by name (case-insensitive), or null.</summary>
    public string? this[string name] => _parameters.TryGetValue(name, out var value) ? value : null;

    public static HeaderParameters Parse(string? header)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(header))
        {
            return new HeaderParameters(string.Empty, parameters);
        }

        var text = header.AsSpan();
        var position = 0;
        var first = ReadUntil(text, ref position, ';').Trim().ToString().ToLowerInvariant();
        var extended = new SortedDictionary<(string Name, int Index), (string Value, bool Encoded)>();

        while (position < text.Length && parameters.Count + extended.Count < MaxParameters)
        {
            position++; // the ';'
            var name = ReadUntil(text, ref position, '=', ';').Trim().ToString();
            if (position >= text.Length || text[position] == ';')
            {
                continue;
            }

            position++; // the '='
            SkipWhitespace(text, ref position);
            string value;
            if (position < text.Length && text[position] == '"')
            {
                value = ReadQuoted(text, ref position);
                ReadUntil(text, ref position, ';');
            }
            else
            {
                value = ReadUntil(text, ref position, ';').Trim().ToString();
            }

            if (name.Length == 0)
            {
                continue;
            }

            if (name.Contains('*', StringComparison.Ordinal))
            {
                AddExtended(extended, name, value);
            }
            else
            {
                parameters.TryAdd(name, value);
            }
        }

        MergeExtended(extended, parameters);
        return new HeaderParameters(first, parameters);
    }

    private static void AddExtended(SortedDictionary<(string, int), (string, bool)> extended, string name, string value)
    {
        // name*=..., name*0=..., name*0*=..., name*1*=...
        var encoded = name.EndsWith('*');
        var bare = encoded ? name[..^1] : name;
        var index = 0;
        var star = bare.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0)
        {
            if (!int.TryParse(bare.AsSpan(star + 1), out index) || index is < 0 or > 999)
            {
                return;
            }

            bare = bare[..star];
        }

        extended.TryAdd((bare.ToLowerInvariant(), index), (value, encoded));
    }

    private static void MergeExtended(SortedDictionary<(string Name, int Index), (string Value, bool Encoded)> extended, Dictionary<string, string> parameters)
    {
        foreach (var group in extended.GroupBy(e => e.Key.Name))
        {
            string? charset = null;
            var bytes = new List<byte>();
            var builder = new StringBuilder();
            foreach (var ((_, index), (value, encoded)) in group)
            {
                var segment = value;
                if (encoded && index == 0)
                {
                    // charset'language'value
                    var firstQuote = segment.IndexOf('\'', StringComparison.Ordinal);
                    var secondQuote = firstQuote < 0 ? -1 : segment.IndexOf('\'', firstQuote + 1);
                    if (secondQuote > 0)
                    {
                        charset = segment[..firstQuote];
                        segment = segment[(secondQuote + 1)..];
                    }
                }

                if (encoded)
                {
                    bytes.AddRange(PercentDecode(segment));
                }
                else
                {
                    Flush();
                    builder.Append(segment);
                }
            }

            Flush();

            // The extended form is the more precise one (RFC 2231 §4): it wins over a plain parameter of the same name.
            parameters[group.Key] = builder.ToString();

            void Flush()
            {
                if (bytes.Count > 0)
                {
                    builder.Append(Charsets.GetOrUtf8(charset).GetString([.. bytes]));
                    bytes.Clear();
                }
            }
        }
    }

    private static List<byte> PercentDecode(string value)
    {
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return bytes;
    }

    private static ReadOnlySpan<char> ReadUntil(ReadOnlySpan<char> text, ref int position, char stop, char stop2 = '\0')
    {
        var start = position;
        while (position < text.Length && text[position] != stop && (stop2 == '\0' || text[position] != stop2))
        {
            position++;
        }

        return text[start..position];
    }

    private static void SkipWhitespace(ReadOnlySpan<char> text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static string ReadQuoted(ReadOnlySpan<char> text, ref int position)
    {
        var builder = new StringBuilder();
        position++; // opening quote
        while (position < text.Length && text[position] != '"')
        {
            if (text[position] == '\\' && position + 1 < text.Length)
            {
                position++;
            }

            builder.Append(text[position]);
            position++;
        }

        if (position < text.Length)
        {
            position++; // closing quote
        }

        return builder.ToString();
    }
}
