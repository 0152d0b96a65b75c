using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessSupport.Storage.Account;

namespace ServerlessSupport.Storage.Http;

/// <summary>
/// Builds the Shared Key string-to-sign and its signature as documented in "Authorize with Shared Key":
/// the Blob/Queue form (12 standard headers, canonicalized x-ms- headers, resource with every query
/// parameter) and the Table form (verb, Content-MD5, Content-Type, date, resource with only <c>comp</c>).
/// </summary>
public static class SharedKeySigner
{
    public static string StringToSign(
        StorageService service,
        string accountName,
        string method,
        Uri uri,
        IEnumerable<KeyValuePair<string, string>> headers,
        long? contentLength)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(headers);
        var all = headers.ToList();

        string Header(string name) =>
            string.Join(",", all.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));

        if (service == StorageService.Table)
        {
            var date = Header("x-ms-date");
            if (date.Length == 0)
            {
                date = Header("Date");
            }

            var tableResource = new StringBuilder(CanonicalPath(accountName, uri));
            var comp = ParseQuery(uri).FirstOrDefault(q => q.Key == "comp");
            if (comp.Key is not null)
            {
                tableResource.Append("?comp=").Append(string.Join(",", comp.Value));
            }

            return string.Join("\n", method.ToUpperInvariant(), Header("Content-MD5"), Header("Content-Type"), date, tableResource.ToString());
        }

        var sb = new StringBuilder();
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(Header("Content-Encoding")).Append('\n');
        sb.Append(Header("Content-Language")).Append('\n');
        sb.Append(contentLength is > 0 ? contentLength.Value.ToString(CultureInfo.InvariantCulture) : string.Empty).Append('\n');
        sb.Append(Header("Content-MD5")).Append('\n');
        sb.Append(Header("Content-Type")).Append('\n');
        sb.Append(Header("Date")).Append('\n');
        sb.Append(Header("If-Modified-Since")).Append('\n');
        sb.Append(Header("If-Match")).Append('\n');
        sb.Append(Header("If-None-Match")).Append('\n');
        sb.Append(Header("If-Unmodified-Since")).Append('\n');
        sb.Append(Header("Range")).Append('\n');

        foreach (var group in all
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .GroupBy(h => h.Key.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append(group.Key).Append(':').Append(string.Join(",", group.Select(h => h.Value.Trim()))).Append('\n');
        }

        sb.Append(CanonicalPath(accountName, uri));
        foreach (var (key, values) in ParseQuery(uri).OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(key).Append(':').Append(string.Join(",", values.Order(StringComparer.Ordinal)));
        }

        return sb.ToString();
    }

    public static string Sign(string stringToSign, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string CanonicalPath(string accountName, Uri uri)
    {
        var path = uri.AbsolutePath;
        return "/" + accountName + (path.Length == 0 ? "/" : path);
    }

    private static List<KeyValuePair<string, List<string>>> ParseQuery(Uri uri)
    {
        var query = uri.Query;
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (query.Length <= 1)
        {
            return [];
        }

        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!result.TryGetValue(name, out var list))
            {
                result[name] = list = [];
            }

            list.Add(value);
        }

        return [.. result];
    }
}
