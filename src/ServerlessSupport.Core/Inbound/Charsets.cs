using System.Collections.Concurrent;
using System.Text;

namespace ServerlessSupport.Core.Inbound;

/// <summary>Maps MIME charset labels to .NET encodings, leniently, the way mail clients do.</summary>
internal static class Charsets
{
    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);

    // Labels that mail gets wrong in practice; mapped to supersets as the WHATWG Encoding Standard does.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = "utf-8",
        ["unicode-1-1-utf-8"] = "utf-8",
        ["us-ascii"] = "windows-1252",
        ["ascii"] = "windows-1252",
        ["iso-8859-1"] = "windows-1252",
        ["iso8859-1"] = "windows-1252",
        ["latin1"] = "windows-1252",
        ["l1"] = "windows-1252",
        ["cp1252"] = "windows-1252",
        ["iso-8859-9"] = "windows-1254",
        ["iso-8859-11"] = "windows-874",
        ["tis-620"] = "windows-874",
        ["gb2312"] = "gb18030",
        ["gbk"] = "gb18030",
        ["x-gbk"] = "gb18030",
        ["ks_c_5601-1987"] = "euc-kr",
        ["cp949"] = "euc-kr",
        ["x-sjis"] = "shift_jis",
        ["sjis"] = "shift_jis",
        ["ms_kanji"] = "shift_jis",
        ["cp932"] = "shift_jis",
        ["windows-31j"] = "shift_jis",
    };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>UTF-8 without BOM emission; invalid bytes become U+FFFD.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Finds the encoding for a MIME charset label (RFC 2231 <c>*lang</c> suffix allowed); false when unknown.</summary>
    public static bool TryGet(string? label, out Encoding encoding)
    {
        encoding = Utf8;
        if (string.IsNullOrWhiteSpace(label))
        {
            return false;
        }

        var name = label.Trim().Trim('"', '\'');
        var star = name.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0)
        {
            name = name[..star];
        }

        if (name.Length is 0 or > 64)
        {
            return false;
        }

        var found = Cache.GetOrAdd(name, Resolve);
        if (found is null)
        {
            return false;
        }

        encoding = found;
        return true;
    }

    /// <summary>The encoding for the label, or UTF-8 when it is missing or unknown.</summary>
    public static Encoding GetOrUtf8(string? label) => TryGet(label, out var encoding) ? encoding : Utf8;

    /// <summary>Decodes bytes with the given charset (UTF-8 when unknown), dropping a leading byte-order mark.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? label)
    {
        var encoding = GetOrUtf8(label);
        var preamble = encoding.Preamble;
        if (preamble.Length > 0 && bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }
        else if (bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[3..];
        }

        return encoding.GetString(bytes);
    }

    private static Encoding? Resolve(string name)
    {
        if (Aliases.TryGetValue(name, out var alias))
        {
            name = alias;
        }

        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return Utf8;
        }

        try
        {
            // Default fallbacks replace invalid input instead of throwing.
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            // UTF-7 and friends are disabled in modern .NET; treat as unknown.
            return null;
        }
    }
}
