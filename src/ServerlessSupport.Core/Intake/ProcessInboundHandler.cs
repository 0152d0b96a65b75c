using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// ProcessInbound: one stored payload becomes one message on one ticket, once. The Message-ID claim decides which ticket
/// (so two instances agree), the marker row in the ticket's transaction decides whether it was already recorded, and the
/// outbox rows of the transaction are queued only after it committed. Every step may run twice.
/// </summary>
internal sealed partial class ProcessInboundHandler(
    IInboundPayloadStore payloads,
    IMessageIndex index,
    ITicketStore tickets,
    TicketCommitter committer,
    ISenderThrottle throttle,
    IIntakeRecords records,
    TicketComposer composer,
    SupportIdentity support,
    TimeProvider time,
    ILogger<ProcessInboundHandler> logger)
{
    private const int MaxCommitAttempts = 8;

    public async Task HandleAsync(InboundPointer pointer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ReadOnlyMemory<byte>? body = pointer.IsInline
            ? (pointer.TryReadInline(out var inline) ? inline : null)
            : await payloads.GetAsync(pointer, cancellationToken);
        if (body is null)
        {
            var reason = pointer.IsInline ? "the inline payload is not valid base64" : "the stored payload is missing";
            await RecordAsync(IntakeRecord.Quarantined, pointer, reason, null, null, cancellationToken);
            return;
        }

        var parsed = InboundPayloads.Parse(pointer.Format, body.Value, pointer.ContentType);
        if (!parsed.Succeeded)
        {
            await RecordAsync(IntakeRecord.Quarantined, pointer, parsed.FailureReason, null, null, cancellationToken);
            return;
        }

        var email = parsed.Email;
        var messageId = email.MessageId ?? MessageMarkers.Synthetic(body.Value.Span);
        var classification = AutomaticMailClassifier.Classify(email, support.Address);
        var threaded = await FindThreadAsync(email, cancellationToken);

        if (threaded is null && classification.IsAutomatic)
        {
            await RecordAsync(IntakeRecord.AutomaticUnthreaded, pointer, $"{classification.Kind}: {classification.Reason}", email.From.Address, email.Subject, cancellationToken);
            return;
        }

        var proposed = threaded?.Id ?? TicketId.New();
        var owner = await index.ClaimAsync(messageId, proposed, cancellationToken);
        var inbound = new InboundContext(pointer, email, parsed.AttachmentContents, messageId, MessageMarkers.For(messageId), classification);
        var known = threaded is not null && threaded.Id == owner ? threaded : null;

        // A freshly drawn id that our claim won names no ticket yet: skip the read. (If it somehow did, adding the
        // ticket row fails as a conflict and the next attempt reads it.)
        var skipRead = threaded is null && owner == proposed;

        // Done once per email, whatever the retries below do: the attachments (stored by message, not by ticket) and
        // the sender's automatic-reply allowance (asked only when a new ticket would acknowledge).
        IReadOnlyList<StoredAttachment>? attachments = null;
        bool? acknowledge = null;

        for (var attempt = 0; attempt < MaxCommitAttempts; attempt++)
        {
            var ticket = known ?? (skipRead ? null : await tickets.GetAsync(owner, cancellationToken));
            known = null;
            skipRead = false;

            if (ticket is not null && threaded is null && !string.Equals(ticket.OriginMessageId, messageId, StringComparison.OrdinalIgnoreCase))
            {
                // A freshly drawn id that another ticket already has: draw again and move the claim.
                var fresh = TicketId.New();
                await index.ReassignAsync(messageId, owner, fresh, cancellationToken);
                owner = await index.ClaimAsync(messageId, fresh, cancellationToken);
                continue;
            }

            if (ticket is null && classification.IsAutomatic)
            {
                await RecordAsync(IntakeRecord.AutomaticUnthreaded, pointer, $"{classification.Kind}: {classification.Reason} (its ticket no longer exists)", email.From.Address, email.Subject, cancellationToken);
                return;
            }

            attachments ??= await StoreAttachmentsAsync(inbound, cancellationToken);
            if (ticket is null && classification.MayAutoReply)
            {
                acknowledge ??= await throttle.TryConsumeAsync(email.From.Address, cancellationToken);
            }

            var commit = ticket is null
                ? composer.NewTicket(owner, inbound, attachments, acknowledge ?? false)
                : composer.Append(ticket, inbound, attachments);

            try
            {
                await committer.CommitAsync(commit, OutboxSafety.Redelivery, cancellationToken);
            }
            catch (DuplicateChangeException)
            {
                // A redelivery after a crash between commit and dispatch: make sure what the first run wrote is on its way.
                LogDuplicate(logger, messageId, owner.ToString());
                await committer.RedispatchPendingAsync(owner, cancellationToken);
                return;
            }
            catch (TicketConflictException)
            {
                continue;
            }

            System.Diagnostics.Activity.Current?.SetTag("support.ticket", owner.ToString());
            LogRecorded(logger, messageId, owner.ToString(), ticket is null ? "new" : "existing", classification.Kind.ToString(), commit.Outbox.Count);
            return;
        }

        throw new TicketConflictException($"Ticket {owner} kept changing while message {messageId} was recorded; the queue will retry.");
    }

    /// <summary>Threading in the documented order (docs/architecture.md, "Intake"): In-Reply-To/References, then the subject token, then plus-addressing.</summary>
    private async Task<Ticket?> FindThreadAsync(InboundEmail email, CancellationToken cancellationToken)
    {
        foreach (var id in email.ThreadIds())
        {
            TicketId? candidate = Outbound.OutboundMessageIds.TryGetTicket(id, support.Domain, out var own)
                ? own
                : await index.FindAsync(id, cancellationToken);
            if (candidate is { } ticketId && await tickets.GetAsync(ticketId, cancellationToken) is { } ticket)
            {
                return ticket;
            }
        }

        if (TicketToken.FindInSubject(email.Subject) is { } fromSubject && await tickets.GetAsync(fromSubject, cancellationToken) is { } bySubject)
        {
            return bySubject;
        }

        foreach (var address in email.To.Concat(email.Cc).Select(a => a.Address).Concat(email.EnvelopeTo))
        {
            if (TicketToken.FromPlusAddress(address, support.Address) is { } plus && await tickets.GetAsync(plus, cancellationToken) is { } byAddress)
            {
                return byAddress;
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<StoredAttachment>> StoreAttachmentsAsync(InboundContext inbound, CancellationToken cancellationToken)
    {
        var stored = new List<StoredAttachment>(inbound.Email.Attachments.Count);
        for (var i = 0; i < inbound.Email.Attachments.Count; i++)
        {
            var a = inbound.Email.Attachments[i];
            var blob = await payloads.SaveAttachmentAsync(inbound.Marker, i, a.FileName, a.ContentType, inbound.AttachmentContents[i], cancellationToken);
            stored.Add(new StoredAttachment(a.FileName, a.ContentType, a.Length, blob, a.ContentId));
        }

        return stored;
    }

    private async Task RecordAsync(string kind, InboundPointer pointer, string reason, string? from, string? subject, CancellationToken cancellationToken)
    {
        await records.RecordAsync(IntakeRecord.ForPointer(kind, pointer, time.GetUtcNow(), reason, from, subject), cancellationToken);
        LogRecordedWithoutTicket(logger, pointer.Blob, kind, reason);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Recorded message {MessageId} on {Kind2} ticket {Ticket} as {Kind} mail; {Outbox} email(s) queued")]
    private static partial void LogRecorded(ILogger logger, string messageId, string ticket, string kind2, string kind, int outbox);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Message {MessageId} was already recorded on ticket {Ticket}; nothing new written")]
    private static partial void LogDuplicate(ILogger logger, string messageId, string ticket);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Payload {Blob} recorded as {Kind} without a ticket: {Reason}")]
    private static partial void LogRecordedWithoutTicket(ILogger logger, string blob, string kind, string reason);
}
