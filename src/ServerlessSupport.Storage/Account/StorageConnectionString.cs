using System.Globalization;

namespace ServerlessSupport.Storage.Account;

/// <summary>Parses the connection-string forms the Functions host accepts for <c>AzureWebJobsStorage</c>.</summary>
public static class StorageConnectionString
{
    public static StorageAccount Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = Split(connectionString);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var host = "127.0.0.1";
            if (parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy))
            {
                host = new Uri(proxy).Host;
            }

            return StorageAccount.Development(host);
        }

        if (!parts.TryGetValue("AccountName", out var name) || string.IsNullOrWhiteSpace(name))
        {
            throw new FormatException("The storage connection string has no AccountName.");
        }

        if (!parts.TryGetValue("AccountKey", out var keyText) || string.IsNullOrWhiteSpace(keyText))
        {
            throw new FormatException("The storage connection string has no AccountKey; use identity-based settings (__accountName) for Entra ID.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(keyText);
        }
        catch (FormatException ex)
        {
            throw new FormatException("The storage connection string's AccountKey is not base64.", ex);
        }

        var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var p) ? p.ToLowerInvariant() : "https";
        if (protocol is not ("https" or "http"))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"DefaultEndpointsProtocol must be http or https, not '{protocol}'."));
        }

        var suffix = parts.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";

        Uri Endpoint(string key, string service) =>
            parts.TryGetValue(key, out var explicitUri)
                ? ParseUri(explicitUri, key)
                : new Uri($"{protocol}://{name}.{service}.{suffix}/");

        return new StorageAccount(
            name,
            Endpoint("BlobEndpoint", "blob"),
            Endpoint("QueueEndpoint", "queue"),
            Endpoint("TableEndpoint", "table"),
            key,
            null);
    }

    private static Uri ParseUri(string value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new FormatException($"The storage connection string's {key} is not an absolute http(s) URI.");

    private static Dictionary<string, string> Split(string connectionString)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException("The storage connection string has a segment without 'name=value'.");
            }

            result[segment[..eq].Trim()] = segment[(eq + 1)..].Trim();
        }

        return result;
    }
}
