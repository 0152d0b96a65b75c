using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Intake;

/// <summary>Raw webhook payloads and attachment contents in blob storage.</summary>
internal interface IInboundPayloadStore
{
    /// <summary>Stores a webhook payload as received (container <c>inbound</c>, or <c>quarantine</c> when it could not be validated).</summary>
    Task SaveAsync(InboundQueueMessage pointer, ReadOnlyMemory<byte> body, bool quarantine, CancellationToken cancellationToken);

    /// <summary>The payload's bytes, or null if the blob no longer exists.</summary>
    Task<ReadOnlyMemory<byte>?> GetAsync(InboundQueueMessage pointer, CancellationToken cancellationToken);

    /// <summary>
    /// A set-aside payload by blob name, for recovery: container <c>quarantine</c> first (what intake set aside), then
    /// <c>inbound</c> (a large payload's original); with the format and content type it was stored with. Null when neither
    /// has it.
    /// </summary>
    Task<StoredPayload?> GetSetAsideAsync(string blob, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an attachment under a name derived from its message alone (not the ticket, which a retry may change), so a
    /// redelivery overwrites rather than duplicates; returns the name to keep on the message.
    /// </summary>
    Task<string> SaveAttachmentAsync(string messageKey, int index, string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>A stored payload's bytes, with the webhook format (<c>sendgrid</c>, <c>json</c>, <c>queue-message</c>) and content type.</summary>
internal sealed record StoredPayload(ReadOnlyMemory<byte> Body, string Format, string ContentType);
