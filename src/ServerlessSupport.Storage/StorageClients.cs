using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Account;
using ServerlessSupport.Storage.Blobs;
using ServerlessSupport.Storage.Http;
using ServerlessSupport.Storage.Queues;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage;

/// <summary>
/// One storage account's clients: the three service pipelines are built once and shared by every queue, table and
/// container client handed out (the clients themselves are cheap).
/// </summary>
public sealed class StorageClients
{
    private readonly HttpPipeline _blob;
    private readonly HttpPipeline _queue;
    private readonly HttpPipeline _table;

    public StorageClients(StorageAccount account, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        Account = account;
        _blob = StoragePipeline.Create(account, StorageService.Blob, options);
        _queue = StoragePipeline.Create(account, StorageService.Queue, options);
        _table = StoragePipeline.Create(account, StorageService.Table, options);
    }

    public StorageAccount Account { get; }

    /// <summary>The service's pipeline, for requests no client covers (e.g. a health probe).</summary>
    public HttpPipeline GetPipeline(StorageService service) => service switch
    {
        StorageService.Blob => _blob,
        StorageService.Queue => _queue,
        StorageService.Table => _table,
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    public StorageQueueClient GetQueue(string name) => new(_queue, Account.QueueEndpoint, name);

    public StorageTableClient GetTable(string name) => new(_table, Account.TableEndpoint, name);

    public StorageBlobContainerClient GetContainer(string name) => new(_blob, Account.BlobEndpoint, name);
}
