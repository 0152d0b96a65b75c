using System.Text.Json.Serialization;
using ServerlessSupport.Core.Telemetry;

namespace ServerlessSupport.Core.Queues;

/// <summary>
/// The message on queue <c>inbound</c>: the email's <see cref="IntakeId"/> (what logs, records and the webhook's answer
/// name it by), and its payload. A payload of at most <see cref="MaxInlineBytes"/> travels inside it (base64 in
/// <see cref="Payload"/>): one write at the webhook and one read fewer per email. A larger one is stored first in the
/// <c>inbound</c> container under the intake id, since queue messages are limited to 64 KiB. <see cref="Trace"/> is the
/// webhook's trace context. On the queue the intake id is named <c>blob</c>, as messages already queued have it.
/// </summary>
internal sealed record InboundQueueMessage(
    [property: JsonPropertyName("blob")] string IntakeId,
    string Format,
    string ContentType,
    DateTimeOffset ReceivedAt,
    string? Payload = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TraceCarrier? Trace = null)
{
    public const string SendGridFormat = "sendgrid";
    public const string JsonFormat = "json";

    /// <summary>Payloads up to this size are candidates for travelling inline.</summary>
    public const int MaxInlineBytes = 32 * 1024;

    /// <summary>The serialized message's limit: base64-encoded on the queue it must stay under 64 KiB (49,152 bytes).</summary>
    public const int MaxMessageBytes = 45_000;

    /// <summary>This message carrying <paramref name="body"/> inline, or null when the message would be too large.</summary>
    public InboundQueueMessage? WithInline(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxInlineBytes)
        {
            return null;
        }

        var inline = this with { Payload = Convert.ToBase64String(body) };
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(inline, CoreJsonContext.Default.InboundQueueMessage).Length <= MaxMessageBytes ? inline : null;
    }

    public bool IsInline => Payload is not null;

    /// <summary>The inline payload's bytes; false when there is none or it is not valid base64.</summary>
    public bool TryReadInline(out ReadOnlyMemory<byte> body)
    {
        body = default;
        if (Payload is null || Payload.Length > (MaxInlineBytes + 2) / 3 * 4)
        {
            return false;
        }

        var buffer = new byte[Payload.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(Payload, buffer, out var written))
        {
            return false;
        }

        body = buffer.AsMemory(0, written);
        return true;
    }
}
