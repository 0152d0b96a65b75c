using System.Globalization;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Inbound;

/// <summary>Queue <c>inbound</c> → <see cref="ProcessInboundHandler"/>. A message that is not a pointer is recorded, not retried.</summary>
internal sealed partial class ProcessInboundFunction(ProcessInboundHandler handler, IIntakeRecords records, TimeProvider time, ILogger<ProcessInboundFunction> logger)
{
    [Function("ProcessInbound")]
    public async Task RunAsync([QueueTrigger(QueueNames.Inbound)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var pointer = QueueJson.Read(message, CoreJsonContext.Default.InboundQueueMessage);

        // Continues the webhook's trace; the acceptance time rides along as baggage to DispatchEmail (acknowledgment latency).
        using var activity = QueueSpan.Start("ProcessInbound", QueueNames.Inbound, message, pointer?.Trace);
        if (pointer is not null)
        {
            activity?.SetBaggage(SupportTelemetry.AcceptedAtBaggage, pointer.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }

        if (pointer is null || string.IsNullOrWhiteSpace(pointer.IntakeId))
        {
            LogNotAPointer(logger, message.MessageId);
            await records.RecordAsync(new IntakeRecord("msg_" + message.MessageId, IntakeRecord.Quarantined, time.GetUtcNow(), "queue message is not an inbound queue message", null, null, null), cancellationToken);
            return;
        }

        await handler.HandleAsync(pointer, cancellationToken);
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Queue message {MessageId} on 'inbound' is not an inbound queue message; recorded and skipped")]
    private static partial void LogNotAPointer(ILogger logger, string messageId);
}
