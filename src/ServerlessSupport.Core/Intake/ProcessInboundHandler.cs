using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// ProcessInbound: one queued payload becomes one message on one ticket, once. It reads and parses the payload,
/// classifies it, hands mail to an agent's reply address to <see cref="AgentMailHandler"/>, finds its thread (<see cref="ThreadResolver"/>) and has <see cref="InboundRecorder"/> record it. What
/// cannot become a ticket message (unreadable, or automatic mail without a ticket) is set aside as an intake record, its
/// payload kept so that an agent can recover it (<see cref="IntakeRecoveryHandler"/>) or dismiss it.
/// </summary>
internal sealed partial class ProcessInboundHandler(
    IInboundPayloadStore payloads,
    ThreadResolver threads,
    InboundRecorder recorder,
    AgentMailHandler agentMail,
    IIntakeRecords records,
    SupportIdentity support,
    TimeProvider time,
    ILogger<ProcessInboundHandler> logger)
{
    public async Task HandleAsync(InboundQueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ReadOnlyMemory<byte>? body = message.IsInline
            ? (message.TryReadInline(out var inline) ? inline : null)
            : await payloads.GetAsync(message, cancellationToken);
        if (body is null)
        {
            var reason = message.IsInline ? "the inline payload is not valid base64" : "the stored payload is missing";
            await SetAsideAsync(IntakeRecord.Quarantined, message, null, reason, null, null, cancellationToken);
            return;
        }

        var parsed = InboundPayloads.Parse(message.Format, body.Value, message.ContentType);
        if (!parsed.Succeeded)
        {
            await SetAsideAsync(IntakeRecord.Quarantined, message, body, parsed.FailureReason, null, null, cancellationToken);
            return;
        }

        var email = parsed.Email;
        var classification = AutomaticMailClassifier.Classify(email, support.Address);

        // The queue message stays until the work is done, so a crash anywhere re-runs this and the rerun completes it.
        var inbound = InboundContext.For(message, parsed, body.Value, classification);

        // Mail to an agent's signed reply address is the agent's, or nobody's: it never becomes a customer's message.
        if (await agentMail.TryHandleAsync(inbound, cancellationToken) is { } agentOutcome)
        {
            if (agentOutcome.IsSetAside)
            {
                await SetAsideAsync(IntakeRecord.Quarantined, message, body, agentOutcome.Reason, email.From.Address, email.Subject, cancellationToken);
            }

            return;
        }

        var threaded = await threads.FindAsync(email, cancellationToken);
        if (threaded is null && classification.IsAutomatic)
        {
            await SetAsideAsync(IntakeRecord.AutomaticUnthreaded, message, body, $"{classification.Kind}: {classification.Reason}", email.From.Address, email.Subject, cancellationToken);
            return;
        }

        if (await recorder.RecordAsync(inbound, threaded, null, OutboxSafety.Redelivery, cancellationToken) is null)
        {
            await SetAsideAsync(IntakeRecord.AutomaticUnthreaded, message, body, $"{classification.Kind}: {classification.Reason} (its ticket no longer exists)", email.From.Address, email.Subject, cancellationToken);
        }
    }

    private async Task SetAsideAsync(string kind, InboundQueueMessage message, ReadOnlyMemory<byte>? body, string reason, string? from, string? subject, CancellationToken cancellationToken)
    {
        // An inline payload lives only in its queue message: keep it (container quarantine) so it can be recovered.
        if (message.IsInline && body is { } payload)
        {
            await payloads.SaveAsync(message with { Payload = null }, payload, quarantine: true, cancellationToken);
        }

        await records.RecordAsync(IntakeRecord.ForPointer(kind, message, time.GetUtcNow(), reason, from, subject), cancellationToken);
        LogRecordedWithoutTicket(logger, message.IntakeId, kind, reason);
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Payload {Blob} recorded as {Kind} without a ticket: {Reason}")]
    private static partial void LogRecordedWithoutTicket(ILogger logger, string blob, string kind, string reason);
}
