using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Storage.Intake;

/// <summary>
/// Raw payloads in container <c>inbound</c> (or <c>quarantine</c>), attachment contents in container <c>attachments</c>,
/// one folder per message.
/// </summary>
internal sealed class BlobInboundPayloadStore(
    BlobContainerClient payloads,
    BlobContainerClient quarantined,
    BlobContainerClient attachments) : IInboundPayloadStore
{
    public async Task SaveAsync(InboundQueueMessage pointer, ReadOnlyMemory<byte> body, bool quarantine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var container = quarantine ? quarantined : payloads;
        await container.GetBlobClient(pointer.IntakeId).UploadAsync(
            BinaryData.FromBytes(body),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = pointer.ContentType },
                Metadata = new Dictionary<string, string> { ["format"] = pointer.Format },
            },
            cancellationToken);
    }

    public async Task<ReadOnlyMemory<byte>?> GetAsync(InboundQueueMessage pointer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        try
        {
            var download = await payloads.GetBlobClient(pointer.IntakeId).DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToMemory();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<StoredPayload?> GetSetAsideAsync(string blob, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blob);
        foreach (var container in new[] { quarantined, payloads })
        {
            try
            {
                var download = await container.GetBlobClient(blob).DownloadContentAsync(cancellationToken);
                var details = download.Value.Details;
                return new StoredPayload(
                    download.Value.Content.ToMemory(),
                    details.Metadata.TryGetValue("format", out var format) ? format : string.Empty,
                    details.ContentType ?? string.Empty);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Not in this container: look in the next.
            }
        }

        return null;
    }

    public async Task<string> SaveAttachmentAsync(string messageKey, int index, string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageKey);
        var safeName = new string([.. fileName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        if (safeName.Length > 100)
        {
            safeName = safeName[^100..];
        }

        var blobName = $"{messageKey}/{index:D2}-{(safeName.Length == 0 ? "attachment" : safeName)}";
        await attachments.GetBlobClient(blobName).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
        return blobName;
    }
}
