using Azure;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Blobs;

namespace ServerlessSupport.Storage.Intake;

/// <summary>
/// Raw payloads in container <c>inbound</c> (or <c>quarantine</c>), attachment contents in container <c>attachments</c>,
/// one folder per ticket.
/// </summary>
internal sealed class BlobInboundPayloadStore(
    StorageBlobContainerClient payloads,
    StorageBlobContainerClient quarantined,
    StorageBlobContainerClient attachments) : IInboundPayloadStore
{
    public const string PayloadContainer = "inbound";
    public const string QuarantineContainer = "quarantine";
    public const string AttachmentContainer = "attachments";

    public async Task SaveAsync(InboundPointer pointer, ReadOnlyMemory<byte> body, bool quarantine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var container = quarantine ? quarantined : payloads;
        var metadata = new Dictionary<string, string> { ["format"] = pointer.Format };
        await container.GetBlob(pointer.Blob).PutAsync(BinaryData.FromBytes(body), pointer.ContentType, metadata, cancellationToken: cancellationToken);
    }

    public async Task<ReadOnlyMemory<byte>?> GetAsync(InboundPointer pointer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        try
        {
            var download = await payloads.GetBlob(pointer.Blob).DownloadAsync(cancellationToken);
            return download.Content.ToMemory();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<string> SaveAttachmentAsync(TicketId ticket, string messageKey, int index, string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var safeName = new string([.. fileName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        if (safeName.Length > 100)
        {
            safeName = safeName[^100..];
        }

        var blobName = $"{ticket}/{messageKey}/{index:D2}-{(safeName.Length == 0 ? "attachment" : safeName)}";
        await attachments.GetBlob(blobName).PutAsync(BinaryData.FromBytes(content), contentType, cancellationToken: cancellationToken);
        return blobName;
    }
}
