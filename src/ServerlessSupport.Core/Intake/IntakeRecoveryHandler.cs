using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// An agent's decision on an intake record (Zendesk's "recover suspended ticket"): recover its payload into a ticket, or
/// dismiss it. Both are written on the record (outcome, agent, time; for a recovery the ticket), and a recovery is also an
/// event on the ticket. Recovering twice answers the same ticket (the record says so, and intake's Message-ID claim and
/// marker make a second run a duplicate even when two agents click at once); a recovered record cannot be dismissed, a
/// dismissed one can still be recovered.
/// </summary>
internal sealed partial class IntakeRecoveryHandler(
    IIntakeRecords records,
    IInboundPayloadStore payloads,
    ThreadResolver threads,
    InboundRecorder recorder,
    TimeProvider time,
    ILogger<IntakeRecoveryHandler> logger)
{
    /// <summary>The format under which a poison message's own JSON (an <see cref="InboundQueueMessage"/>) was kept.</summary>
    public const string QueueMessageFormat = "queue-message";

    private const int MaxAttempts = 5;

    public Task<RecordDecision> RecoverAsync(string id, string agent, CancellationToken cancellationToken) =>
        DecideAsync(id, IntakeRecord.Recovered, agent, async record =>
        {
            if (record.Outcome == IntakeRecord.Recovered)
            {
                return RecordDecision.Done(record);
            }

            if (await LoadAsync(record, cancellationToken) is not { } payload)
            {
                return RecordDecision.Unrecoverable(record, "nothing was kept to recover: this record has no email payload (a stuck outbound email, or a payload that was never stored)");
            }

            var parsed = InboundPayloads.Parse(payload.Pointer.Format, payload.Body, payload.Pointer.ContentType);
            if (!parsed.Succeeded)
            {
                return RecordDecision.Unrecoverable(record, $"the payload cannot be read as an email: {parsed.FailureReason}");
            }

            var ticket = await RecoverIntoTicketAsync(payload.Pointer, parsed, payload.Body, new Recovery(record.Id, record.Kind, agent), cancellationToken);
            return RecordDecision.Done(record with { Outcome = IntakeRecord.Recovered, OutcomeBy = agent, OutcomeAt = time.GetUtcNow(), Ticket = ticket.ToString() });
        }, cancellationToken);

    /// <summary>
    /// The payload read as if a person wrote it (no automatic-mail verdict sets it aside again, and no acknowledgment goes
    /// out: an agent is already on it), threaded like any mail, once: a second recovery of the same payload finds its
    /// Message-ID recorded and answers the same ticket. The request is HTTP, which nobody redelivers, so the commit's
    /// emails are kept safe by a delayed queue message.
    /// </summary>
    private async Task<TicketId> RecoverIntoTicketAsync(InboundQueueMessage message, InboundParseResult parsed, ReadOnlyMemory<byte> body, Recovery recovery, CancellationToken cancellationToken)
    {
        var email = parsed.Email!;
        var verdict = new MailClassification(MailKind.Human, $"recovered from intake record {recovery.RecordId} by {recovery.Agent}", SuppressAutoReply: true);
        var inbound = InboundContext.For(message, parsed, body, verdict);
        var threaded = await threads.FindAsync(email, cancellationToken);
        return await recorder.RecordAsync(inbound, threaded, recovery, OutboxSafety.DelayedMessage, cancellationToken)
            ?? throw new InvalidOperationException("A person's mail is always recorded on a ticket.");
    }

    public Task<RecordDecision> DismissAsync(string id, string agent, CancellationToken cancellationToken) =>
        DecideAsync(id, IntakeRecord.Dismissed, agent, record => Task.FromResult(record.Outcome switch
        {
            IntakeRecord.Recovered => RecordDecision.Conflict(record, $"it was already recovered into ticket {record.Ticket} by {record.OutcomeBy}"),
            IntakeRecord.Dismissed => RecordDecision.Done(record),
            _ => RecordDecision.Done(record with { Outcome = IntakeRecord.Dismissed, OutcomeBy = agent, OutcomeAt = time.GetUtcNow() }),
        }), cancellationToken);

    /// <summary>
    /// Reads the record, lets <paramref name="decide"/> answer: a decision that changes the record's outcome is written under
    /// the record's ETag (someone else deciding meanwhile means: read again and decide again); any other is the answer.
    /// </summary>
    private async Task<RecordDecision> DecideAsync(string id, string outcome, string agent, Func<IntakeRecord, Task<RecordDecision>> decide, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await records.GetAsync(id, cancellationToken) is not { } record)
            {
                return RecordDecision.NotFound;
            }

            var decision = await decide(record);
            if (decision.Status != RecordDecisionStatus.Done || decision.Record is not { } decided || decided.Outcome == record.Outcome)
            {
                return decision;
            }

            if (await records.TrySetOutcomeAsync(decided, cancellationToken))
            {
                LogDecided(logger, record.Id, outcome, agent);
                return RecordDecision.Done(decided with { Version = null });
            }
        }

        throw new InvalidOperationException($"Intake record {id} kept changing while it was {outcome}.");
    }

    /// <summary>The record's email: the set-aside payload, or for a poison message the payload its kept queue message carries or points to.</summary>
    private async Task<(InboundQueueMessage Pointer, ReadOnlyMemory<byte> Body)?> LoadAsync(IntakeRecord record, CancellationToken cancellationToken)
    {
        if (record.Blob is null || await payloads.GetSetAsideAsync(record.Blob, cancellationToken) is not { } stored)
        {
            return null;
        }

        if (stored.Format != QueueMessageFormat)
        {
            return (new InboundQueueMessage(record.Blob, stored.Format, stored.ContentType, record.At), stored.Body);
        }

        InboundQueueMessage? pointer;
        try
        {
            pointer = JsonSerializer.Deserialize(stored.Body.Span, CoreJsonContext.Default.InboundQueueMessage);
        }
        catch (JsonException)
        {
            return null;
        }

        if (pointer is null)
        {
            return null;
        }

        if (pointer.IsInline)
        {
            return pointer.TryReadInline(out var inline) ? (pointer with { Payload = null }, inline) : null;
        }

        return await payloads.GetAsync(pointer, cancellationToken) is { } body ? (pointer, body) : null;
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Intake record {Record} {Outcome} by {Agent}")]
    private static partial void LogDecided(ILogger logger, string record, string outcome, string agent);
}

internal enum RecordDecisionStatus
{
    Done,
    NotFound,
    Conflict,
    Unrecoverable,
}

/// <summary>What a recover or dismiss did; <see cref="Problem"/> says why when it could not.</summary>
internal sealed record RecordDecision(RecordDecisionStatus Status, IntakeRecord? Record, string? Problem)
{
    public static RecordDecision NotFound { get; } = new(RecordDecisionStatus.NotFound, null, null);

    public static RecordDecision Done(IntakeRecord record) => new(RecordDecisionStatus.Done, record, null);

    public static RecordDecision Conflict(IntakeRecord record, string problem) => new(RecordDecisionStatus.Conflict, record, problem);

    public static RecordDecision Unrecoverable(IntakeRecord record, string problem) => new(RecordDecisionStatus.Unrecoverable, record, problem);
}
