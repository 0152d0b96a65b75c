using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Intake;

/// <summary>One parsed inbound email on its way to a ticket, with the keys that make recording it idempotent.</summary>
internal sealed record InboundContext(
    InboundQueueMessage Pointer,
    InboundEmail Email,
    IReadOnlyList<ReadOnlyMemory<byte>> AttachmentContents,
    string MessageId,
    string Marker,
    MailClassification Classification);
