using System.Text;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// An RFC 5322 header block: fields in their original order, repeated names kept, looked up case-insensitively.
/// Values are unfolded but not decoded (use <see cref="EncodedWords"/> where the field allows encoded words).
/// </summary>
internal sealed class MailHeaders
{
    /// <summary>Fields beyond this count are ignored.</summary>
    public const int MaxHeaders = 1000;

    /// <summary>A value is cut at this many characters.</summary>
    public const int MaxValueLength = 64 * 1024;

    /// <summary>Input beyond this many characters is not read.</summary>
    public const int MaxInputLength = 1024 * 1024;

    private readonly List<MailHeader> _fields;

    private MailHeaders(List<MailHeader> fields) => _fields = fields;

    public static MailHeaders Empty { get; } = new([]);

    /// <summary>All fields, in the order they were written.</summary>
    public IReadOnlyList<MailHeader> All => _fields;

    public int Count => _fields.Count;

    /// <summary>Builds a header block from name/value pairs (e.g. a JSON object); invalid names are skipped.</summary>
    public static MailHeaders FromFields(IEnumerable<MailHeader> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var list = new List<MailHeader>();
        foreach (var field in fields)
        {
            if (list.Count >= MaxHeaders)
            {
                break;
            }

            if (field is null || !IsValidName(field.Name))
            {
                continue;
            }

            var value = field.Value ?? string.Empty;
            value = UnfoldValue(value.Length > MaxValueLength ? value[..MaxValueLength] : value);
            list.Add(new MailHeader(field.Name, value));
        }

        return new MailHeaders(list);
    }

    /// <summary>
    /// Parses a raw header block. Folded lines (CRLF or LF followed by space or tab) are joined, lines that are not
    /// <c>name: value</c> are skipped, parsing stops at the first empty line after a field. Never throws.
    /// </summary>
    public static MailHeaders Parse(string? rawHeaders)
    {
        if (string.IsNullOrEmpty(rawHeaders))
        {
            return Empty;
        }

        var raw = rawHeaders.Length > MaxInputLength ? rawHeaders.AsSpan(0, MaxInputLength) : rawHeaders.AsSpan();
        var fields = new List<MailHeader>();
        string? name = null;
        var value = new StringBuilder();
        var skipping = false;

        foreach (var range in raw.Split('\n'))
        {
            var line = raw[range].TrimEnd('\r');
            if (line.IsEmpty)
            {
                if (name is not null || fields.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                // Continuation: unfolding removes only the line break (RFC 5322 §2.2.3).
                if (name is not null && !skipping)
                {
                    AppendCapped(value, line);
                }

                continue;
            }

            Complete();
            if (fields.Count >= MaxHeaders)
            {
                break;
            }

            var colon = line.IndexOf(':');
            var candidate = colon > 0 ? line[..colon].TrimEnd(" \t") : default;
            if (colon <= 0 || !IsValidName(candidate))
            {
                // Garbage (or an mbox "From " line): skip it and anything folded under it.
                skipping = true;
                continue;
            }

            skipping = false;
            name = candidate.ToString();
            AppendCapped(value, line[(colon + 1)..].TrimStart(" \t"));
        }

        Complete();
        return new MailHeaders(fields);

        void Complete()
        {
            if (name is not null)
            {
                fields.Add(new MailHeader(name, value.ToString().Trim(' ', '\t', '\r')));
            }

            name = null;
            value.Clear();
        }
    }

    /// <summary>The first value of the named field, or null.</summary>
    public string? Get(string name)
    {
        foreach (var field in _fields)
        {
            if (field.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return field.Value;
            }
        }

        return null;
    }

    /// <summary>Every value of the named field, in order.</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        List<string>? values = null;
        foreach (var field in _fields)
        {
            if (field.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                (values ??= []).Add(field.Value);
            }
        }

        return values is null ? [] : values;
    }

    public bool Contains(string name) => Get(name) is not null;

    /// <summary>Writes the block back out, one unfolded field per CRLF-terminated line.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var field in _fields)
        {
            builder.Append(field.Name).Append(": ").Append(field.Value).Append("\r\n");
        }

        return builder.ToString();
    }

    private static void AppendCapped(StringBuilder value, ReadOnlySpan<char> text)
    {
        var room = MaxValueLength - value.Length;
        if (room > 0)
        {
            value.Append(text.Length > room ? text[..room] : text);
        }
    }

    private static string UnfoldValue(string value)
        => value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
            ? value.Replace("\r\n", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Trim()
            : value.Trim();

    // RFC 5322 field name: printable US-ASCII except colon.
    private static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 256)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is < '!' or > '~' or ':')
            {
                return false;
            }
        }

        return true;
    }
}
