using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>Builds the one transaction that records an inbound email: a new ticket with its acknowledgment, or one more message.</summary>
internal sealed class TicketComposer(SupportPolicy policy, SupportIdentity support, TimeProvider time)
{
    /// <summary>How many Message-IDs of the conversation we carry in References (oldest dropped first).</summary>
    private const int MaxReferences = 20;

    private readonly SlaPlanner _planner = new(policy);

    /// <param name="acknowledge">Whether the sender may get an automatic reply now (the caller asked the sender throttle once).</param>
    public TicketCommit NewTicket(TicketId id, InboundContext inbound, IReadOnlyList<StoredAttachment> attachments, bool acknowledge)
    {
        var now = time.GetUtcNow();
        var email = inbound.Email;
        var rule = policy.PriorityRules.FirstMatch(email.Subject, email.Text, email.From.Address);
        var priority = rule?.Priority ?? policy.PriorityRules.DefaultPriority;
        var firstResponse = policy.Target(priority, TargetKind.FirstResponse);

        var ticket = new Ticket
        {
            Id = id,
            Status = TicketStatus.Open,
            Priority = priority,
            Customer = new Mailbox(email.From.Address, email.From.DisplayName),
            Subject = Templates.TemplateText.CleanSubject(email.Subject),
            CreatedAt = now,
            UpdatedAt = now,
            LastCustomerMessageId = inbound.MessageId,
            LastCustomerMessageAt = now,
            References = Chain([], email, inbound.MessageId),
            OriginMessageId = inbound.MessageId,
            MessageCount = 1,
        };

        // Starts the first-response and resolution clocks and the status-note timer; the store writes their due rows.
        ticket = _planner.OnCreated(ticket, now);
        var due = ticket.FirstResponseDue ?? firstResponse.DueFrom(now);

        var events = new List<TicketEvent>
        {
            new(1, TicketEventKinds.Created, now, "system", $"Opened by email from {email.From.Address}; priority {priority}{(rule is null ? " (default)" : " (rule)")}; first response due {due:u}."),
        };

        var outbox = new List<OutboxItem>();
        if (!inbound.Classification.MayAutoReply)
        {
            events.Add(new(2, TicketEventKinds.AutoReplySuppressed, now, "system", $"No acknowledgment: {inbound.Classification.Reason}."));
        }
        else if (acknowledge)
        {
            var model = new AcknowledgmentModel(
                id,
                email.From.DisplayName,
                email.Subject,
                support.TeamName,
                due,
                firstResponse.Duration,
                firstResponse.Clock == ClockKind.Business,
                email.Date?.Offset ?? firstResponse.Calendar.TimeZone.GetUtcOffset(due));
            outbox.Add(OutboxEmails.ToCustomer(support, ticket, 1, "ack", AcknowledgmentTemplate.Render(model), "auto-replied", now));
            events.Add(new(2, TicketEventKinds.AcknowledgmentQueued, now, "system", $"Acknowledgment queued to {email.From.Address}."));
            ticket = ticket with { AcknowledgedAt = now };
        }
        else
        {
            events.Add(new(2, TicketEventKinds.AutoReplySuppressed, now, "system", $"No acknowledgment: automatic replies to {email.From.Address} reached the limit for now."));
        }

        ticket = ticket with { EventCount = events.Count, OutboxCount = outbox.Count };
        return new TicketCommit(ticket)
        {
            Messages = [Message(1, inbound, attachments, now)],
            Events = events,
            Outbox = outbox,
            Markers = [inbound.Marker],
        };
    }

    public TicketCommit Append(Ticket ticket, InboundContext inbound, IReadOnlyList<StoredAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = time.GetUtcNow();
        var email = inbound.Email;
        var events = new List<TicketEvent>();
        var next = ticket with { UpdatedAt = now, MessageCount = ticket.MessageCount + 1 };

        if (inbound.Classification.IsAutomatic)
        {
            // Recorded for the agents, but it changes nothing: no reopening, no clock, no reply.
            events.Add(new(ticket.EventCount + 1, TicketEventKinds.AutomaticMailRecorded, now, "system", $"{inbound.Classification.Kind} from {email.From.Address}: {inbound.Classification.Reason}"));
        }
        else
        {
            next = next with
            {
                LastCustomerMessageId = inbound.MessageId,
                LastCustomerMessageAt = now,
                References = Chain(ticket.References, email, inbound.MessageId),
            };
            events.Add(new(ticket.EventCount + 1, TicketEventKinds.CustomerReplied, now, email.From.Address, $"Reply from {email.From.Address}."));
            // Reopens a solved/closed ticket, resumes paused clocks, restarts next-update.
            next = _planner.OnCustomerMessage(next, now);
            if (ticket.Status is TicketStatus.Solved or TicketStatus.Closed or TicketStatus.PendingCustomer)
            {
                events.Add(new(ticket.EventCount + 2, TicketEventKinds.Reopened, now, "system", $"Status {ticket.Status} → Open: the customer wrote."));
            }
        }

        return new TicketCommit(next with { EventCount = ticket.EventCount + events.Count })
        {
            Messages = [Message(next.MessageCount, inbound, attachments, now)],
            Events = events,
            Markers = [inbound.Marker],
        };
    }

    private static TicketMessage Message(int sequence, InboundContext inbound, IReadOnlyList<StoredAttachment> attachments, DateTimeOffset now) => new()
    {
        Sequence = sequence,
        Direction = MessageDirection.Inbound,
        At = now,
        Author = inbound.Email.From.Address,
        AuthorName = inbound.Email.From.DisplayName,
        Subject = inbound.Email.Subject,
        DisplayText = inbound.Email.DisplayText,
        FullText = inbound.Email.Text,
        MessageId = inbound.MessageId,
        AutomaticReason = inbound.Classification.IsAutomatic ? $"{inbound.Classification.Kind}: {inbound.Classification.Reason}" : null,
        RawPointer = inbound.Pointer.IsInline ? null : inbound.Pointer.Blob,
        Attachments = attachments,
    };

    private static string[] Chain(IReadOnlyList<string> existing, InboundEmail email, string messageId) =>
        [.. existing.Concat(email.References).Append(messageId).Distinct(MessageIds.Comparer).TakeLast(MaxReferences)];
}
