using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>An inbound email's attachments stored by message, not by ticket, so storing them again overwrites.</summary>
internal static class InboundAttachments
{
    public static async Task<IReadOnlyList<StoredAttachment>> StoreAsync(IInboundPayloadStore payloads, InboundContext inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentNullException.ThrowIfNull(inbound);
        var stored = new List<StoredAttachment>(inbound.Email.Attachments.Count);
        for (var i = 0; i < inbound.Email.Attachments.Count; i++)
        {
            var a = inbound.Email.Attachments[i];
            var blob = await payloads.SaveAttachmentAsync(inbound.Marker, i, a.FileName, a.ContentType, inbound.AttachmentContents[i], cancellationToken);
            stored.Add(new StoredAttachment(a.FileName, a.ContentType, a.Length, blob, a.ContentId));
        }

        return stored;
    }
}
