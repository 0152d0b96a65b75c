using Azure.Core;

namespace ServerlessSupport.Storage.Account;

/// <summary>
/// Reads a storage connection the way the Functions host does: a connection string in the setting itself
/// (<c>AzureWebJobsStorage</c>), or identity-based settings under it (<c>AzureWebJobsStorage__accountName</c>,
/// <c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>) used with a token credential.
/// </summary>
public static class StorageSettings
{
    /// <param name="name">The connection name, e.g. <c>AzureWebJobsStorage</c>.</param>
    /// <param name="getSetting">Reads a setting by its flat name (<c>__</c> separated) or returns null.</param>
    /// <param name="credentialFactory">Creates the Entra ID credential when the settings are identity-based.</param>
    public static StorageAccount Resolve(string name, Func<string, string?> getSetting, Func<TokenCredential> credentialFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(getSetting);
        ArgumentNullException.ThrowIfNull(credentialFactory);

        var connectionString = getSetting(name);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return StorageConnectionString.Parse(connectionString);
        }

        var accountName = getSetting($"{name}__accountName");
        var blob = getSetting($"{name}__blobServiceUri");
        var queue = getSetting($"{name}__queueServiceUri");
        var table = getSetting($"{name}__tableServiceUri");

        if (string.IsNullOrWhiteSpace(accountName) && (blob is null || queue is null || table is null))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{name}' to a connection string, or '{name}__accountName' " +
                $"(or all of '{name}__blobServiceUri', '{name}__queueServiceUri', '{name}__tableServiceUri') for Entra ID.");
        }

        Uri Endpoint(string? explicitUri, string service, string settingSuffix)
        {
            if (!string.IsNullOrWhiteSpace(explicitUri))
            {
                return Uri.TryCreate(explicitUri, UriKind.Absolute, out var uri)
                    ? uri
                    : throw new InvalidOperationException($"The setting '{name}__{settingSuffix}' is not an absolute URI.");
            }

            return new Uri($"https://{accountName}.{service}.core.windows.net/");
        }

        var blobUri = Endpoint(blob, "blob", "blobServiceUri");
        var resolvedName = string.IsNullOrWhiteSpace(accountName) ? blobUri.Host.Split('.')[0] : accountName;
        return new StorageAccount(
            resolvedName,
            blobUri,
            Endpoint(queue, "queue", "queueServiceUri"),
            Endpoint(table, "table", "tableServiceUri"),
            null,
            credentialFactory());
    }
}
