using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ServerlessSupport.Storage;

/// <summary>
/// The app's tables, queues and containers by their logical names (<see cref="StorageNames"/>), on the three service
/// clients registered by <see cref="StorageServiceCollectionExtensions.AddSupportStorage"/>. The SDK clients are cheap
/// views on their service client's pipeline, so handing out new ones costs nothing.
/// </summary>
public sealed class StorageClients(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs, StorageNames names)
{
    public TableServiceClient TableService { get; } = tables;

    public QueueServiceClient QueueService { get; } = queues;

    public BlobServiceClient BlobService { get; } = blobs;

    public StorageNames Names { get; } = names;

    public TableClient Table(string name) => TableService.GetTableClient(Names.Table(name));

    public QueueClient Queue(string name) => QueueService.GetQueueClient(Names.Queue(name));

    public BlobContainerClient Container(string name) => BlobService.GetBlobContainerClient(Names.Container(name));
}
