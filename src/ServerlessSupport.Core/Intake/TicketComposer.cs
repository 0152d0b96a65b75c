using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Languages;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// Builds the one transaction that records an inbound email: a new ticket with its acknowledgment, one more message from
/// the customer or a participant, or an internal note for mail from a sender the ticket does not know.
/// </summary>
internal sealed class TicketComposer(SupportPolicy policy, SupportIdentity support, TimeProvider time)
{
    /// <summary>How many Message-IDs of the conversation we carry in References (oldest dropped first).</summary>
    private const int MaxReferences = 20;

    /// <summary>How many people the customer may copy into a ticket (the first ones are kept).</summary>
    public const int MaxParticipants = 10;

    private readonly SlaPlanner _planner = new(policy);

    /// <param name="acknowledge">Whether the sender may get an automatic reply now (the caller asked the sender throttle once).</param>
    /// <param name="pace">The team's current pace for the realistic promise (null: promise the target).</param>
    /// <param name="recovered">Set when an agent turns a set-aside intake record into this ticket.</param>
    /// <param name="roster">Who asked to hear of new tickets (none: no notification waits on the ticket).</param>
    public TicketCommit NewTicket(TicketId id, InboundContext inbound, IReadOnlyList<StoredAttachment> attachments, bool acknowledge, PaceSnapshot? pace = null, Recovery? recovered = null, AgentRoster? roster = null)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var now = time.GetUtcNow();
        var email = inbound.Email;
        var rule = policy.PriorityRules.FirstMatch(email.Subject, email.Text, email.From.Address);
        var priority = rule?.Priority ?? policy.PriorityRules.DefaultPriority;
        var firstResponse = policy.Target(priority, TargetKind.FirstResponse);
        var language = LanguageDetector.Choose(email, policy.Languages);
        var customer = new Mailbox(email.From.Address, email.From.DisplayName);

        var ticket = new Ticket
        {
            Id = id,
            Status = TicketStatus.Open,
            Priority = priority,
            Customer = customer,
            Subject = TemplateText.CleanSubject(email.Subject),
            CreatedAt = now,
            UpdatedAt = now,
            LastCustomerMessageId = inbound.MessageId,
            LastCustomerMessageAt = now,
            References = Chain([], email, inbound.MessageId),
            OriginMessageId = inbound.MessageId,
            Language = language.Language,
            CustomerUtcOffset = email.Date?.Offset,
            Participants = Participants([], email, customer.Address),
            LastCustomerExcerpt = AgentActions.Excerpt(email.DisplayText),
        };

        // Starts the first-response and resolution clocks and the status-note timer; the store writes their due rows.
        ticket = _planner.OnCreated(ticket, now);
        var due = ticket.FirstResponseDue ?? firstResponse.DueFrom(now);
        var change = new TicketCommitBuilder(ticket, now);
        change.Message(Message(inbound, attachments, now));
        change.Marker(inbound.Marker);

        var copied = ticket.Participants.Count == 0 ? string.Empty : $"; participants {string.Join(", ", ticket.Participants.Select(p => p.Address))}";
        change.Event(TicketEventKinds.Created, "system", $"Opened by email from {email.From.Address}; priority {priority}{(rule is null ? " (default)" : " (rule)")}; first response due {due:u}; language {language.Language} ({LanguageSourceName(language.Source)}){copied}.");
        if (recovered is not null)
        {
            change.Event(TicketEventKinds.RecoveredFromIntake, recovered.Agent, recovered.Describe());
        }

        if (!inbound.Classification.MayAutoReply)
        {
            change.Event(
                inbound.Classification.ProbablyAutomatic ? TicketEventKinds.ProbablyAutomatic : TicketEventKinds.AutoReplySuppressed,
                "system",
                $"No acknowledgment: {inbound.Classification.Reason}.");
        }
        else if (acknowledge)
        {
            var promise = PromisePlanner.For(firstResponse, priority, now, pace, policy.RealisticPromise);
            var model = new AcknowledgmentModel(
                id,
                email.From.DisplayName,
                email.Subject,
                support.TeamName,
                ticket.Language,
                promise,
                email.Date?.Offset ?? firstResponse.Calendar.TimeZone.GetUtcOffset(promise.By));
            change.Email(sequence => OutboxEmails.ToCustomer(support, ticket, sequence, OutboxEmails.AckKind, AcknowledgmentTemplate.Render(model), "auto-replied", now));
            var promised = promise.Slower is { } slower
                ? $"; promised {promise.By:u}, the team's pace (p{slower.Percentile} of {slower.Samples} first responses in {slower.WindowDays} days) being slower than the target"
                : string.Empty;
            change.Event(TicketEventKinds.AcknowledgmentQueued, "system", $"Acknowledgment queued to {email.From.Address}{promised}.");

            // What the acknowledgment states is a promise like any other: kept by the first public reply, else broken.
            change.Ticket = _planner.OnPromiseMade(change.Ticket with { AcknowledgedAt = now }, PromiseKind.FirstResponse, promise.By, PromiseBook.System, now);
            change.Event(TicketEventKinds.PromiseMade, "system", $"Promise {change.Ticket.Sla.Promises[^1].Id}: a first reply by {promise.By:u}, stated in the acknowledgment.");
        }
        else
        {
            change.Event(TicketEventKinds.AutoReplySuppressed, "system", $"No acknowledgment: automatic replies to {email.From.Address} reached the limit for now.");
        }

        if (roster?.WantsNewTickets(policy) == true)
        {
            change.Ticket = SlaPlanner.OnAgentNotice(change.Ticket, new AgentNotice { Kind = AgentNoticeKind.NewTicket, At = now });
        }

        return change.Build();
    }

    /// <summary>
    /// One more message on the ticket: from the customer or a participant it counts (reopens, clocks, the customer's
    /// copies join); automatic mail is recorded and changes nothing.
    /// </summary>
    /// <param name="roster">Whether the assignee asked to hear of the customer's replies.</param>
    public TicketCommit Append(Ticket ticket, InboundContext inbound, IReadOnlyList<StoredAttachment> attachments, Recovery? recovered = null, AgentRoster? roster = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(inbound);
        var now = time.GetUtcNow();
        var email = inbound.Email;
        var change = new TicketCommitBuilder(ticket, now);
        change.Message(Message(inbound, attachments, now));
        change.Marker(inbound.Marker);
        if (recovered is not null)
        {
            change.Event(TicketEventKinds.RecoveredFromIntake, recovered.Agent, recovered.Describe());
        }

        if (inbound.Classification.IsAutomatic)
        {
            // Recorded for the agents, but it changes nothing: no reopening, no clock, no reply.
            change.Event(TicketEventKinds.AutomaticMailRecorded, "system", $"{inbound.Classification.Kind} from {email.From.Address}: {inbound.Classification.Reason}");
            return change.Build();
        }

        var fromCustomer = EmailAddress.SameAddress(email.From.Address, ticket.Customer.Address);
        var next = ticket with
        {
            LastCustomerMessageId = inbound.MessageId,
            LastCustomerMessageAt = now,
            References = Chain(ticket.References, email, inbound.MessageId),
            CustomerUtcOffset = fromCustomer ? email.Date?.Offset ?? ticket.CustomerUtcOffset : ticket.CustomerUtcOffset,
            Participants = fromCustomer ? Participants(ticket.Participants, email, ticket.Customer.Address) : ticket.Participants,
            LastCustomerExcerpt = AgentActions.Excerpt(email.DisplayText),
        };
        change.Event(TicketEventKinds.CustomerReplied, email.From.Address, fromCustomer ? $"Reply from {email.From.Address}." : $"Reply from participant {email.From.Address}.");
        if (next.Participants.Count > ticket.Participants.Count)
        {
            change.Event(TicketEventKinds.ParticipantsAdded, email.From.Address, $"Copied in: {string.Join(", ", next.Participants.Skip(ticket.Participants.Count).Select(p => p.Address))}.");
        }

        // Reopens a solved/closed ticket, resumes paused clocks, restarts next-update.
        change.Ticket = _planner.OnCustomerMessage(next, now);
        if (ticket.Status is TicketStatus.Solved or TicketStatus.Closed or TicketStatus.PendingCustomer)
        {
            change.Event(TicketEventKinds.Reopened, "system", $"Status {ticket.Status} → Open: {(fromCustomer ? "the customer" : "a participant")} wrote.");
        }

        if (roster?.Reachable(ticket.Assignee) is { Notify.CustomerReplies: true } assignee)
        {
            change.Ticket = SlaPlanner.OnAgentNotice(change.Ticket, new AgentNotice { Kind = AgentNoticeKind.CustomerReply, At = now, Agent = assignee.Name });
        }

        return change.Build();
    }

    /// <summary>
    /// Mail that found the ticket only by its id (subject token, plus-address) from someone who is neither its customer
    /// nor a participant: kept as an internal note flagged as from an unverified sender. It does not reopen the ticket,
    /// move its clocks, change whom we write to, or get any answer.
    /// </summary>
    public TicketCommit AppendUnverified(Ticket ticket, InboundContext inbound, IReadOnlyList<StoredAttachment> attachments, ThreadMatch match, Recovery? recovered = null)
    {
        var how = match == ThreadMatch.PlusAddress ? "its plus-address" : match == ThreadMatch.SubjectToken ? "its [#id] in the subject" : "a Message-ID it did not send";
        return UnverifiedNote(ticket, inbound, attachments, $"Mail from {inbound?.Email.From.Address}, who is neither the customer nor a participant, found this ticket by {how}", recovered).Build();
    }

    /// <summary>
    /// The mail kept as an internal note flagged as not verified, with an event saying <paramref name="why"/>; the
    /// change is left open so a caller can add to it (the agents' mail tells the agent).
    /// </summary>
    public TicketCommitBuilder UnverifiedNote(Ticket ticket, InboundContext inbound, IReadOnlyList<StoredAttachment> attachments, string why, Recovery? recovered = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(inbound);
        var now = time.GetUtcNow();
        var change = new TicketCommitBuilder(ticket, now);
        change.Message(Message(inbound, attachments, now) with { Direction = MessageDirection.Note, UnverifiedSender = true });
        change.Marker(inbound.Marker);
        if (recovered is not null)
        {
            change.Event(TicketEventKinds.RecoveredFromIntake, recovered.Agent, recovered.Describe());
        }

        change.Event(TicketEventKinds.UnverifiedSender, "system", $"{why}: kept as an internal note; nothing reopened, no clock moved, no reply.");
        return change;
    }

    /// <summary>The inbound message as recorded; the commit builder numbers it.</summary>
    private static TicketMessage Message(InboundContext inbound, IReadOnlyList<StoredAttachment> attachments, DateTimeOffset now) => new()
    {
        Sequence = 0,
        Direction = MessageDirection.Inbound,
        At = now,
        Author = inbound.Email.From.Address,
        AuthorName = inbound.Email.From.DisplayName,
        Subject = inbound.Email.Subject,
        DisplayText = inbound.Email.DisplayText,
        FullText = inbound.Email.Text,
        MessageId = inbound.MessageId,
        AutomaticReason = inbound.Classification.IsAutomatic ? $"{inbound.Classification.Kind}: {inbound.Classification.Reason}" : null,
        RawPointer = inbound.Pointer.IsInline ? null : inbound.Pointer.IntakeId,
        Attachments = attachments,
    };

    /// <summary>The customer's Cc addresses join the ticket (not ours, not the customer), in order, up to <see cref="MaxParticipants"/>.</summary>
    private List<Mailbox> Participants(IReadOnlyList<Mailbox> existing, InboundEmail email, string customer)
    {
        var result = existing.ToList();
        foreach (var cc in email.Cc)
        {
            if (result.Count >= MaxParticipants)
            {
                break;
            }

            if (!EmailAddress.SameAddress(cc.Address, customer)
                && !TicketToken.IsSupportAddress(cc.Address, support.Address)
                && !result.Any(p => EmailAddress.SameAddress(p.Address, cc.Address)))
            {
                result.Add(new Mailbox(cc.Address, cc.DisplayName));
            }
        }

        return result;
    }

    private static string LanguageSourceName(LanguageSource source) => source switch
    {
        LanguageSource.ContentLanguage => "from Content-Language",
        LanguageSource.Detected => "detected from the text",
        _ => "policy default",
    };

    private static string[] Chain(IReadOnlyList<string> existing, InboundEmail email, string messageId) =>
        [.. existing.Concat(email.References).Append(messageId).Distinct(MessageIds.Comparer).TakeLast(MaxReferences)];
}

/// <summary>How a mail found its ticket (docs/architecture.md, "Intake"): only a Message-ID we sent or the ticket's own conversation vouches for the sender.</summary>
internal enum ThreadMatch
{
    /// <summary>In-Reply-To/References name one of our Message-IDs or one in the ticket's conversation.</summary>
    Conversation,

    /// <summary>In-Reply-To/References name a Message-ID recorded on the ticket but not part of its conversation (e.g. an unverified note).</summary>
    RecordedMessageId,

    SubjectToken,
    PlusAddress,
}

/// <summary>An agent turning intake record <see cref="RecordId"/> into a ticket message (recorded as an event on the ticket).</summary>
internal sealed record Recovery(string RecordId, string RecordKind, string Agent)
{
    public string Describe() => $"Recovered by {Agent} from intake record {RecordId} ({RecordKind}).";
}
