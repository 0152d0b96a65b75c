using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace ServerlessSupport.Storage;

/// <summary>
/// The storage connection as the Functions host reads it: a connection string in <c>AzureWebJobsStorage</c> (any the SDKs
/// take, <c>UseDevelopmentStorage=true</c> included), or identity-based settings under it — <c>__accountName</c>, or
/// <c>__blobServiceUri</c> / <c>__queueServiceUri</c> / <c>__tableServiceUri</c> — used with an Entra ID credential.
/// </summary>
/// <remarks>
/// Hand-written because Microsoft.Extensions.Azure binds a section to constructor parameters (<c>connectionString</c>,
/// <c>serviceUri</c>) and knows neither <c>accountName</c> nor the per-service URI names the Functions host documents.
/// It only picks the constructor; the SDK parses the connection string.
/// </remarks>
internal sealed class StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";

    private StorageConnection(string? connectionString, Uri? blob, Uri? queue, Uri? table)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
    }

    public string? ConnectionString { get; }

    public Uri? BlobServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    public Uri? TableServiceUri { get; }

    public bool UsesIdentity => ConnectionString is null;

    /// <summary>Reads the connection from configuration (section <c>AzureWebJobsStorage</c>, <c>__</c> or <c>:</c> separated).</summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string name = SettingName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section.Value.Trim(), null, null, null);
        }

        var accountName = section["accountName"];
        Uri? Endpoint(string key, string service)
        {
            var value = section[key];
            if (!string.IsNullOrWhiteSpace(value))
            {
                return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                    ? uri
                    : throw new InvalidOperationException($"The setting '{name}__{key}' is not an absolute http(s) URI.");
            }

            return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName.Trim()}.{service}.core.windows.net/");
        }

        var blob = Endpoint("blobServiceUri", "blob");
        var queue = Endpoint("queueServiceUri", "queue");
        var table = Endpoint("tableServiceUri", "table");
        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{name}' to a connection string, or '{name}__accountName' " +
                $"(or all of '{name}__blobServiceUri', '{name}__queueServiceUri', '{name}__tableServiceUri') for Entra ID.");
        }

        return new StorageConnection(null, blob, queue, table);
    }

    public TableServiceClient CreateTableService(TableClientOptions options, TokenCredential credential) =>
        ConnectionString is { } cs ? new TableServiceClient(cs, options) : new TableServiceClient(TableServiceUri!, credential, options);

    public QueueServiceClient CreateQueueService(QueueClientOptions options, TokenCredential credential) =>
        ConnectionString is { } cs ? new QueueServiceClient(cs, options) : new QueueServiceClient(QueueServiceUri!, credential, options);

    public BlobServiceClient CreateBlobService(BlobClientOptions options, TokenCredential credential) =>
        ConnectionString is { } cs ? new BlobServiceClient(cs, options) : new BlobServiceClient(BlobServiceUri!, credential, options);
}
