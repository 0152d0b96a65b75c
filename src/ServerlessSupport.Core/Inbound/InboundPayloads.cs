using MimeKit;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Picks the reader for a stored payload: JSON, or SendGrid's form in raw mode (it has an <c>email</c> field) or parsed
/// mode. Whatever MimeKit or the readers cannot make sense of becomes a failure (the caller quarantines it for agents),
/// never an exception that would send the message round the queue until it is poison.
/// </summary>
internal static class InboundPayloads
{
    public static InboundParseResult Parse(string format, ReadOnlyMemory<byte> body, string? contentType)
    {
        try
        {
            if (format == InboundQueueMessage.JsonFormat)
            {
                return JsonInboundPayload.Parse(body);
            }

            if (!SendGridForm.TryRead(body, contentType, out var form, out var error))
            {
                return InboundParseResult.Failure(error);
            }

            return form.Has(SendGridRawPayload.EmailField) ? SendGridRawPayload.Parse(form) : SendGridParsedPayload.Parse(form);
        }
        catch (Exception ex) when (ex is FormatException or ParseException or ArgumentException or InvalidOperationException or NotSupportedException or IOException or OverflowException or IndexOutOfRangeException)
        {
            return InboundParseResult.Failure($"unreadable mail ({ex.GetType().Name}: {ex.Message})");
        }
    }
}
