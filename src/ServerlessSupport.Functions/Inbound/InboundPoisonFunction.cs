using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Functions.Inbound;

/// <summary>
/// Queue <c>inbound-poison</c>: an inbound message the host (either host) gave up on after <c>maxDequeueCount</c>
/// deliveries. The message itself (with an inline payload, the whole email) is kept in the <c>quarantine</c> container and
/// recorded in IntakeRecords, so agents see it next to quarantined mail whichever host runs.
/// </summary>
internal sealed partial class InboundPoisonFunction(IInboundPayloadStore payloads, IIntakeRecords records, TimeProvider time, ILogger<InboundPoisonFunction> logger)
{
    public const string PoisonQueue = QueueNames.Inbound + "-poison";

    [Function("InboundPoison")]
    public async Task RunAsync([QueueTrigger(PoisonQueue)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        var kept = new InboundQueueMessage($"poison/{message.MessageId}.json", IntakeRecoveryHandler.QueueMessageFormat, "application/json", now);
        await payloads.SaveAsync(kept, message.Body?.ToMemory() ?? ReadOnlyMemory<byte>.Empty, quarantine: true, cancellationToken);

        var pointer = Hosting.QueueJson.Read(message, CoreJsonContext.Default.InboundQueueMessage);
        var payload = pointer is null ? "not an inbound queue message" : pointer.IsInline ? "payload inline" : $"payload in blob {pointer.IntakeId}";
        var reason = $"moved to {PoisonQueue}: processing failed on every delivery ({payload}); the queue message is kept in quarantine/{kept.IntakeId}";
        await records.RecordAsync(new IntakeRecord("poison_" + message.MessageId, IntakeRecord.Poison, now, reason, kept.IntakeId, null, null), cancellationToken);
        LogRecorded(logger, message.MessageId, kept.IntakeId);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Error, Message = "Poison inbound message {MessageId} recorded for agents; kept as quarantine/{Blob}")]
    private static partial void LogRecorded(ILogger logger, string messageId, string blob);
}
