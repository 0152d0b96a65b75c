using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>
/// Queue <c>outbound-poison</c>: a dispatch request the host gave up on (dispatch itself failed on every delivery, which
/// SendGrid's answers never cause: those are retried with a delay or recorded on the ticket). Recorded in IntakeRecords
/// with the ticket and outbox row it names, so agents see an email that is stuck.
/// </summary>
internal sealed partial class OutboundPoisonFunction(IIntakeRecords records, TimeProvider time, ILogger<OutboundPoisonFunction> logger)
{
    public const string PoisonQueue = QueueNames.Outbound + "-poison";

    [Function("OutboundPoison")]
    public async Task RunAsync([QueueTrigger(PoisonQueue)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = QueueJson.Read(message, CoreJsonContext.Default.DispatchRequest);
        var what = request is null ? "a message that is not a dispatch request" : $"email {request.Ticket}/out-{request.Outbox:D6}";
        var reason = $"moved to {PoisonQueue}: dispatching {what} failed on every delivery; it stays pending on its ticket";
        await records.RecordAsync(new IntakeRecord("poison_" + message.MessageId, IntakeRecord.Poison, time.GetUtcNow(), reason, null, null, request is null ? null : $"[#{request.Ticket}]"), cancellationToken);
        LogRecorded(logger, message.MessageId, what);
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Error, Message = "Poison outbound message {MessageId} recorded for agents: {What}")]
    private static partial void LogRecorded(ILogger logger, string messageId, string what);
}
