using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// The webhook's only work: queue the raw payload (inline when small, else stored in a blob first and pointed to). The
/// caller answers 200 only after this returns; any storage fault propagates so the caller answers 5xx and the sender retries. A payload that fails the light
/// validation is not refused (SendGrid would drop it on a 4xx): it is kept in quarantine and recorded for agents.
/// </summary>
internal sealed partial class AcceptInboundHandler(
    IInboundPayloadStore payloads,
    IInboundQueue queue,
    IIntakeRecords records,
    TimeProvider time,
    ILogger<AcceptInboundHandler> logger)
{
    public async Task<InboundAcceptance> AcceptAsync(string format, string contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pointer = new InboundQueueMessage(BlobName(now), format, contentType, now);
        var problem = InboundPayloadValidator.Validate(format, contentType, body.Span);

        if (problem is not null)
        {
            await payloads.SaveAsync(pointer, body, quarantine: true, cancellationToken);
            await records.RecordAsync(IntakeRecord.ForPointer(IntakeRecord.Quarantined, pointer, now, problem), cancellationToken);
            LogQuarantined(logger, pointer.IntakeId, problem);
            return new InboundAcceptance(pointer.IntakeId, Quarantined: true, problem);
        }

        if (pointer.WithInline(body.Span) is { } inline)
        {
            pointer = inline;
        }
        else
        {
            await payloads.SaveAsync(pointer, body, quarantine: false, cancellationToken);
        }

        await queue.EnqueueAsync(pointer, cancellationToken);
        LogAccepted(logger, pointer.IntakeId, format, body.Length);
        return new InboundAcceptance(pointer.IntakeId, Quarantined: false, null);
    }

    /// <summary>Date folders keep the container browsable; the random tail keeps names unique across instances.</summary>
    private static string BlobName(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return $"{now:yyyy/MM/dd/HHmmssfff}-{Convert.ToHexStringLower(random)}";
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Accepted inbound {Format} payload {Blob} ({Bytes} bytes)")]
    private static partial void LogAccepted(ILogger logger, string blob, string format, int bytes);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Quarantined inbound payload {Blob}: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, string blob, string reason);
}
