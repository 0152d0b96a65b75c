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
    MailClassification Classification)
{
    /// <summary>A parsed payload with its verdict; mail without a Message-ID gets one derived from the payload's bytes.</summary>
    public static InboundContext For(InboundQueueMessage message, InboundParseResult parsed, ReadOnlyMemory<byte> body, MailClassification classification)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var email = parsed.Email ?? throw new ArgumentException("The payload did not parse.", nameof(parsed));
        var messageId = email.MessageId ?? MessageMarkers.Synthetic(body.Span);
        return new InboundContext(message, email, parsed.AttachmentContents, messageId, MessageMarkers.For(messageId), classification);
    }
}
