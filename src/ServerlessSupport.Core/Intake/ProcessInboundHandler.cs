using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// ProcessInbound: one stored payload becomes one message on one ticket, once. The Message-ID claim decides which ticket
/// (so two instances agree), the marker row in the ticket's transaction decides whether it was already recorded, and the
/// outbox rows of the transaction are queued only after it committed. Every step may run twice. What cannot become a
/// ticket message is set aside as an intake record, its payload kept so that an agent can recover it
/// (<see cref="RecoverAsync"/>) or dismiss it.
/// </summary>
internal sealed partial class ProcessInboundHandler(
    IInboundPayloadStore payloads,
    IMessageIndex index,
    ITicketStore tickets,
    TicketCommitter committer,
    ISenderThrottle throttle,
    IIntakeRecords records,
    TicketComposer composer,
    TeamPace pace,
    SupportIdentity support,
    TimeProvider time,
    ILogger<ProcessInboundHandler> logger)
{
    /// <summary>How many fresh ids a new ticket may draw when one is taken (1 in 10^12 each).</summary>
    private const int MaxDraws = 4;

    public async Task HandleAsync(InboundQueueMessage pointer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ReadOnlyMemory<byte>? body = pointer.IsInline
            ? (pointer.TryReadInline(out var inline) ? inline : null)
            : await payloads.GetAsync(pointer, cancellationToken);
        if (body is null)
        {
            var reason = pointer.IsInline ? "the inline payload is not valid base64" : "the stored payload is missing";
            await RecordAsync(IntakeRecord.Quarantined, pointer, null, reason, null, null, cancellationToken);
            return;
        }

        await ProcessAsync(pointer, body.Value, null, cancellationToken);
    }

    /// <summary>
    /// An agent turns a set-aside payload into a ticket message: read as if a person wrote it (no automatic-mail verdict
    /// sets it aside again, and no acknowledgment goes out: an agent is already on it), threaded like any mail, once.
    /// A second recovery of the same payload finds its Message-ID recorded and answers the same ticket.
    /// </summary>
    public async Task<IntakeOutcome> RecoverAsync(InboundQueueMessage pointer, ReadOnlyMemory<byte> body, Recovery recovery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(recovery);
        return await ProcessAsync(pointer, body, recovery, cancellationToken);
    }

    private async Task<IntakeOutcome> ProcessAsync(InboundQueueMessage pointer, ReadOnlyMemory<byte> body, Recovery? recovery, CancellationToken cancellationToken)
    {
        var parsed = InboundPayloads.Parse(pointer.Format, body, pointer.ContentType);
        if (!parsed.Succeeded)
        {
            if (recovery is null)
            {
                await RecordAsync(IntakeRecord.Quarantined, pointer, body, parsed.FailureReason, null, null, cancellationToken);
            }

            return IntakeOutcome.Failed(parsed.FailureReason);
        }

        var email = parsed.Email;
        var messageId = email.MessageId ?? MessageMarkers.Synthetic(body.Span);
        var classification = recovery is null
            ? AutomaticMailClassifier.Classify(email, support.Address)
            : new MailClassification(MailKind.Human, $"recovered from intake record {recovery.RecordId} by {recovery.Agent}", SuppressAutoReply: true);
        var threaded = await FindThreadAsync(email, cancellationToken);

        if (threaded is null && classification.IsAutomatic)
        {
            await RecordAsync(IntakeRecord.AutomaticUnthreaded, pointer, body, $"{classification.Kind}: {classification.Reason}", email.From.Address, email.Subject, cancellationToken);
            return IntakeOutcome.SetAside;
        }

        var proposed = threaded?.Ticket.Id ?? TicketId.New();
        var owner = await index.ClaimAsync(messageId, proposed, cancellationToken);
        var inbound = new InboundContext(pointer, email, parsed.AttachmentContents, messageId, MessageMarkers.For(messageId), classification);

        // How the mail found its ticket decides whether its sender is vouched for; a claim made by an earlier delivery
        // of this same message is its own conversation.
        var match = threaded is not null && threaded.Ticket.Id == owner ? threaded.Match : ThreadMatch.Conversation;

        // The first attempt reads nothing it knows already: the threaded ticket, or none behind a freshly drawn id that
        // our claim won. (If such an id somehow named a ticket, adding the ticket row fails as a conflict and the next
        // attempt reads it.)
        FirstRead? first = threaded is not null && threaded.Ticket.Id == owner ? new FirstRead(threaded.Ticket)
            : threaded is null && owner == proposed ? new FirstRead(null)
            : null;

        // Done once per email, whatever the attempts do: the attachments (stored by message, not by ticket) and the
        // sender's automatic-reply allowance (asked only when a new ticket would acknowledge).
        IReadOnlyList<StoredAttachment>? attachments = null;
        bool? acknowledge = null;
        PaceSnapshot? snapshot = null;
        var unverified = false;

        async ValueTask<TicketCommit?> DecideAsync(Ticket? ticket, int attempt)
        {
            if (ticket is not null && threaded is null && !string.Equals(ticket.OriginMessageId, messageId, StringComparison.OrdinalIgnoreCase))
            {
                throw new TicketIdTakenException(owner);
            }

            if (ticket is null && classification.IsAutomatic)
            {
                // Automatic mail threads only to a ticket that exists; this one's was deleted meanwhile.
                return null;
            }

            attachments ??= await StoreAttachmentsAsync(inbound, cancellationToken);
            if (ticket is null && classification.MayAutoReply)
            {
                acknowledge ??= await throttle.TryConsumeAsync(email.From.Address, cancellationToken);
                snapshot ??= acknowledge == true ? await pace.CurrentAsync(cancellationToken) : null;
            }

            unverified = ticket is not null && !classification.IsAutomatic && match != ThreadMatch.Conversation && !Knows(ticket, email.From);
            return ticket is null ? composer.NewTicket(owner, inbound, attachments, acknowledge ?? false, snapshot, recovery)
                : unverified ? composer.AppendUnverified(ticket, inbound, attachments, match, recovery)
                : composer.Append(ticket, inbound, attachments, recovery);
        }

        // An agent's recovery is an HTTP request that nobody redelivers.
        var safety = recovery is null ? OutboxSafety.Redelivery : OutboxSafety.DelayedMessage;
        for (var draw = 0; ; draw++)
        {
            CommittedChange? committed;
            try
            {
                committed = await committer.ChangeAsync(owner, DecideAsync, safety, cancellationToken, first);
            }
            catch (TicketIdTakenException) when (draw < MaxDraws)
            {
                // A freshly drawn id that another ticket already has: draw again and move the claim.
                var fresh = TicketId.New();
                await index.ReassignAsync(messageId, owner, fresh, cancellationToken);
                owner = await index.ClaimAsync(messageId, fresh, cancellationToken);
                first = owner == fresh ? new FirstRead(null) : null;
                continue;
            }
            catch (DuplicateChangeException)
            {
                // A redelivery after a crash between commit and dispatch: make sure what the first run wrote is on its way.
                LogDuplicate(logger, messageId, owner.ToString());
                await committer.RedispatchPendingAsync(owner, cancellationToken);
                return IntakeOutcome.Recorded(owner);
            }

            if (committed is null)
            {
                await RecordAsync(IntakeRecord.AutomaticUnthreaded, pointer, body, $"{classification.Kind}: {classification.Reason} (its ticket no longer exists)", email.From.Address, email.Subject, cancellationToken);
                return IntakeOutcome.SetAside;
            }

            if (unverified)
            {
                LogUnverified(logger, messageId, owner.ToString(), match.ToString());
            }

            System.Diagnostics.Activity.Current?.SetTag("support.ticket", owner.ToString());
            LogRecorded(logger, messageId, owner.ToString(), committed.Ticket.MessageCount == 1 ? "new" : "existing", classification.Kind.ToString(), committed.Outbox.Count);
            return IntakeOutcome.Recorded(owner);
        }
    }

    /// <summary>A freshly drawn ticket id names another ticket already (ids are random): draw again.</summary>
    private sealed class TicketIdTakenException(TicketId id) : Exception($"Ticket id {id} is taken.");

    private sealed record ThreadHit(Ticket Ticket, ThreadMatch Match);

    /// <summary>
    /// Threading in the documented order (docs/architecture.md, "Intake"): In-Reply-To/References, then the subject token,
    /// then plus-addressing; with how the ticket was found, since only its conversation's Message-IDs vouch for a sender.
    /// </summary>
    private async Task<ThreadHit?> FindThreadAsync(InboundEmail email, CancellationToken cancellationToken)
    {
        foreach (var id in email.ThreadIds())
        {
            var ours = Outbound.OutboundMessageIds.TryGetTicket(id, support.Domain, out var own);
            TicketId? candidate = ours ? own : await index.FindAsync(id, cancellationToken);
            if (candidate is { } ticketId && await tickets.GetAsync(ticketId, cancellationToken) is { } ticket)
            {
                var vouched = ours || ticket.References.Contains(id, MessageIds.Comparer) || MessageIds.Comparer.Equals(ticket.OriginMessageId, id);
                return new ThreadHit(ticket, vouched ? ThreadMatch.Conversation : ThreadMatch.RecordedMessageId);
            }
        }

        if (TicketToken.FindInSubject(email.Subject) is { } fromSubject && await tickets.GetAsync(fromSubject, cancellationToken) is { } bySubject)
        {
            return new ThreadHit(bySubject, ThreadMatch.SubjectToken);
        }

        foreach (var address in email.To.Concat(email.Cc).Select(a => a.Address).Concat(email.EnvelopeTo))
        {
            if (TicketToken.FromPlusAddress(address, support.Address) is { } plus && await tickets.GetAsync(plus, cancellationToken) is { } byAddress)
            {
                return new ThreadHit(byAddress, ThreadMatch.PlusAddress);
            }
        }

        return null;
    }

    /// <summary>The ticket's customer or one of its participants.</summary>
    private static bool Knows(Ticket ticket, EmailAddress from) =>
        EmailAddress.SameAddress(from.Address, ticket.Customer.Address) || ticket.Participants.Any(p => EmailAddress.SameAddress(p.Address, from.Address));

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

    private async Task RecordAsync(string kind, InboundQueueMessage pointer, ReadOnlyMemory<byte>? body, string reason, string? from, string? subject, CancellationToken cancellationToken)
    {
        // An inline payload lives only in its queue message: keep it (container quarantine) so it can be recovered.
        if (pointer.IsInline && body is { } payload)
        {
            await payloads.SaveAsync(pointer with { Payload = null }, payload, quarantine: true, cancellationToken);
        }

        await records.RecordAsync(IntakeRecord.ForPointer(kind, pointer, time.GetUtcNow(), reason, from, subject), cancellationToken);
        LogRecordedWithoutTicket(logger, pointer.IntakeId, kind, reason);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Recorded message {MessageId} on {Kind2} ticket {Ticket} as {Kind} mail; {Outbox} email(s) queued")]
    private static partial void LogRecorded(ILogger logger, string messageId, string ticket, string kind2, string kind, int outbox);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Message {MessageId} was already recorded on ticket {Ticket}; nothing new written")]
    private static partial void LogDuplicate(ILogger logger, string messageId, string ticket);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Message {MessageId} found ticket {Ticket} by {Match} from a sender it does not know: kept as an unverified note")]
    private static partial void LogUnverified(ILogger logger, string messageId, string ticket, string match);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Payload {Blob} recorded as {Kind} without a ticket: {Reason}")]
    private static partial void LogRecordedWithoutTicket(ILogger logger, string blob, string kind, string reason);
}
