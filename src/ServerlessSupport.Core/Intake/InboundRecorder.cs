using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// Records one parsed email on its ticket, once: the Message-ID claim decides which ticket (so two instances agree), the
/// marker row in the ticket's transaction decides whether it was already recorded, and the committer commits, retries
/// on a conflict and sends what the commit added. Every step may run twice; the attachments and the sender's
/// automatic-reply allowance are handled once per email however often the commit is retried.
/// </summary>
internal sealed partial class InboundRecorder(
    IInboundPayloadStore payloads,
    IMessageIndex index,
    TicketCommitter committer,
    ISenderThrottle throttle,
    TicketComposer composer,
    TeamPace pace,
    IAgentDirectory agents,
    ILogger<InboundRecorder> logger)
{
    /// <summary>How many fresh ids a new ticket may draw when one is taken (1 in 10^12 each).</summary>
    private const int MaxDraws = 4;

    /// <param name="threaded">The ticket the mail threads to, if any (<see cref="ThreadResolver"/>).</param>
    /// <param name="recovery">Set when an agent recovers a set-aside payload: recorded as an event on the ticket.</param>
    /// <param name="safety">How the emails of the commit are kept safe until sent (a redelivered trigger, or a delayed message).</param>
    /// <returns>The ticket; null when automatic mail's ticket no longer exists (the caller sets the mail aside).</returns>
    public async Task<TicketId?> RecordAsync(InboundContext inbound, ThreadHit? threaded, Recovery? recovery, OutboxSafety safety, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var messageId = inbound.MessageId;
        var classification = inbound.Classification;
        var proposed = threaded?.Ticket.Id ?? TicketId.New();
        var owner = await index.ClaimAsync(messageId, proposed, cancellationToken);

        // How the mail found its ticket decides whether its sender is vouched for; a claim made by an earlier delivery
        // of this same message is its own conversation.
        var match = threaded is not null && threaded.Ticket.Id == owner ? threaded.Match : ThreadMatch.Conversation;

        // The first attempt reads nothing it knows already: the threaded ticket, or none behind a freshly drawn id that
        // our claim won. (If such an id somehow named a ticket, adding the ticket row fails as a conflict and the next
        // attempt reads it.)
        FirstRead? first = threaded is not null && threaded.Ticket.Id == owner ? new FirstRead(threaded.Ticket)
            : threaded is null && owner == proposed ? new FirstRead(null)
            : null;

        var attempts = new EmailAttempts(inbound, owner, threaded is not null, match, recovery, payloads, throttle, pace, agents, composer, cancellationToken);
        for (var draw = 0; ; draw++)
        {
            CommittedChange? committed;
            try
            {
                committed = await committer.ChangeAsync(owner, attempts.DecideAsync, safety, cancellationToken, first);
            }
            catch (TicketIdTakenException) when (draw < MaxDraws)
            {
                // A freshly drawn id that another ticket already has: draw again and move the claim.
                var fresh = TicketId.New();
                await index.ReassignAsync(messageId, owner, fresh, cancellationToken);
                owner = await index.ClaimAsync(messageId, fresh, cancellationToken);
                attempts.Owner = owner;
                first = owner == fresh ? new FirstRead(null) : null;
                continue;
            }
            catch (DuplicateChangeException)
            {
                // A redelivery after a crash between commit and dispatch: make sure what the first run wrote is on its way.
                LogDuplicate(logger, messageId, owner.ToString());
                await committer.RedispatchPendingAsync(owner, cancellationToken);
                return owner;
            }

            if (committed is null)
            {
                return null;
            }

            if (attempts.Unverified)
            {
                LogUnverified(logger, messageId, owner.ToString(), match.ToString());
            }

            System.Diagnostics.Activity.Current?.SetTag("support.ticket", owner.ToString());
            LogRecorded(logger, messageId, owner.ToString(), committed.Ticket.MessageCount == 1 ? "new" : "existing", classification.Kind.ToString(), committed.Outbox.Count);
            return owner;
        }
    }

    /// <summary>A freshly drawn ticket id names another ticket already (ids are random): draw again.</summary>
    private sealed class TicketIdTakenException(TicketId id) : Exception($"Ticket id {id} is taken.");

    /// <summary>
    /// The attempts at committing one email: <see cref="DecideAsync"/> builds the change from the ticket as each attempt
    /// reads it. Its fields hold what is done once per email, however often the commit is retried or the ticket id drawn
    /// again, so that a retry neither stores the attachments twice nor spends the sender's allowance twice.
    /// </summary>
    private sealed class EmailAttempts(
        InboundContext inbound,
        TicketId owner,
        bool threaded,
        ThreadMatch match,
        Recovery? recovery,
        IInboundPayloadStore payloads,
        ISenderThrottle throttle,
        TeamPace pace,
        IAgentDirectory agents,
        TicketComposer composer,
        CancellationToken cancellationToken)
    {
        // Who asked to hear of new tickets and replies: the directory's cached list (no storage call per email).
        private AgentRoster? _roster;

        // Stored by the first attempt that records the email. They are stored by message, not by ticket, so they are
        // kept when the ticket id is drawn again.
        private IReadOnlyList<StoredAttachment>? _storedAttachments;

        // Whether to acknowledge: the sender's automatic-reply allowance, asked only when a new ticket would acknowledge.
        private bool? _acknowledge;

        // The team's pace for the acknowledgment's promise, read only when acknowledging.
        private PaceSnapshot? _paceAtAcknowledge;

        /// <summary>The ticket the email goes to; moves when a freshly drawn id is taken and the claim moves with it.</summary>
        public TicketId Owner { get; set; } = owner;

        /// <summary>Whether the last decision kept the email as an unverified note (a sender the ticket does not know).</summary>
        public bool Unverified { get; private set; }

        public async ValueTask<TicketCommit?> DecideAsync(Ticket? ticket, int attempt)
        {
            var classification = inbound.Classification;
            if (ticket is not null && !threaded && !string.Equals(ticket.OriginMessageId, inbound.MessageId, StringComparison.OrdinalIgnoreCase))
            {
                throw new TicketIdTakenException(Owner);
            }

            if (ticket is null && classification.IsAutomatic)
            {
                // Automatic mail threads only to a ticket that exists; this one's was deleted meanwhile.
                return null;
            }

            _storedAttachments ??= await InboundAttachments.StoreAsync(payloads, inbound, cancellationToken);
            _roster ??= classification.IsAutomatic ? AgentRoster.Empty : new AgentRoster(await agents.ListAsync(cancellationToken));
            if (ticket is null && classification.MayAutoReply)
            {
                _acknowledge ??= await throttle.TryConsumeAsync(inbound.Email.From.Address, cancellationToken);
                _paceAtAcknowledge ??= _acknowledge == true ? await pace.CurrentAsync(cancellationToken) : null;
            }

            Unverified = ticket is not null && !classification.IsAutomatic && match != ThreadMatch.Conversation && !Knows(ticket, inbound.Email.From);
            return ticket is null ? composer.NewTicket(Owner, inbound, _storedAttachments, _acknowledge ?? false, _paceAtAcknowledge, recovery, _roster)
                : Unverified ? composer.AppendUnverified(ticket, inbound, _storedAttachments, match, recovery)
                : composer.Append(ticket, inbound, _storedAttachments, recovery, _roster);
        }

        /// <summary>The ticket's customer or one of its participants.</summary>
        private static bool Knows(Ticket ticket, EmailAddress from) =>
            EmailAddress.SameAddress(from.Address, ticket.Customer.Address) || ticket.Participants.Any(p => EmailAddress.SameAddress(p.Address, from.Address));
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Recorded message {MessageId} on {Kind2} ticket {Ticket} as {Kind} mail; {Outbox} email(s) queued")]
    private static partial void LogRecorded(ILogger logger, string messageId, string ticket, string kind2, string kind, int outbox);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Message {MessageId} was already recorded on ticket {Ticket}; nothing new written")]
    private static partial void LogDuplicate(ILogger logger, string messageId, string ticket);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Message {MessageId} found ticket {Ticket} by {Match} from a sender it does not know: kept as an unverified note")]
    private static partial void LogUnverified(ILogger logger, string messageId, string ticket, string match);
}
