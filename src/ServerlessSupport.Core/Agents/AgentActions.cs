using ServerlessSupport.Core.Email;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Agents;

/// <summary>
/// The agents' ticket actions as pure functions: each returns the one <see cref="TicketCommit"/> (ticket guarded by the
/// version it was read at, its events with the agent as actor, and any outbox email) that the caller commits. The clocks
/// follow through <see cref="SlaPlanner"/>; the ticket store keeps the due rows in step on commit.
/// </summary>
internal sealed class AgentActions(SlaPlanner planner, SupportIdentity support)
{
    /// <summary>The longest reply or note text accepted (characters).</summary>
    public const int MaxTextLength = 20_000;

    public const int MaxAssigneeLength = 100;

    public const string ReplyOutboxKind = "reply";

    /// <summary>A public reply (emailed to the customer) or an internal note (never emailed).</summary>
    public TicketCommit Reply(Ticket ticket, string agent, string text, bool isPublic, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text.Length > MaxTextLength)
        {
            throw new ArgumentException($"The text is longer than {MaxTextLength} characters.", nameof(text));
        }

        var events = new List<TicketEvent>();
        void Event(string kind, string detail) => events.Add(new(ticket.EventCount + events.Count + 1, kind, now, agent, detail));

        var messageSequence = ticket.MessageCount + 1;
        var next = ticket with { UpdatedAt = now, MessageCount = messageSequence };
        if (!isPublic)
        {
            Event(AgentEventKinds.NoteAdded, $"Internal note by {agent}.");
            return new TicketCommit(next with { EventCount = ticket.EventCount + events.Count })
            {
                Messages = [Message(messageSequence, MessageDirection.Note, agent, ticket.Subject, text, null, now)],
                Events = events,
            };
        }

        var outboxSequence = ticket.OutboxCount + 1;
        var rendered = AgentReplyTemplate.Render(new AgentReplyModel(ticket.Id, ticket.Subject, text, HeaderValue.Sanitize(agent, 100), support.TeamName, ticket.Language));
        // A person wrote this: no Auto-Submitted, so it threads as a reply and the customer's autoresponder may answer.
        // The people the customer copied are copied on it.
        var outbox = OutboxEmails.ToCustomer(support, ticket, outboxSequence, ReplyOutboxKind, rendered, autoSubmitted: null, now, cc: ticket.Participants);
        Event(TicketEventKinds.AgentReplied, $"Public reply by {agent} to {ticket.Customer.Address}.");
        if (ticket.FirstRespondedAt is null && ticket.Sla.FirstResponse is { } firstResponse)
        {
            var spec = planner.Policy.Target(ticket.Priority, TargetKind.FirstResponse);
            var elapsed = firstResponse.Clock.Elapsed(spec, now);
            var met = elapsed <= spec.Duration;
            var due = firstResponse.DueAt is { } at ? $" (due {at:u})" : " (clock paused)";
            Event(AgentEventKinds.FirstResponse, $"{(met ? AgentEventKinds.FirstResponseMet : AgentEventKinds.FirstResponseMissed)}: first response by {agent} at {now:u}{due}.");

            // Kept for the team's pace (the realistic promise of later acknowledgments).
            next = next with { FirstResponseTime = elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed, FirstResponsePriority = ticket.Priority };
        }

        next = planner.OnAgentPublicReply(next, now);
        return new TicketCommit(next with { EventCount = ticket.EventCount + events.Count, OutboxCount = outboxSequence })
        {
            Messages = [Message(messageSequence, MessageDirection.Outbound, agent, rendered.Subject, text, outbox.Email.MessageId, now)],
            Events = events,
            Outbox = [outbox],
        };
    }

    /// <summary>Status, priority, assignee and language in one commit with an event per change; null when nothing changes.</summary>
    public TicketCommit? Change(Ticket ticket, string agent, TicketChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        var events = new List<TicketEvent>();
        void Event(string kind, string detail) => events.Add(new(ticket.EventCount + events.Count + 1, kind, now, agent, detail));

        var next = ticket;

        // Priority first: a status change that resumes paused clocks measures the pause on the new priority's targets.
        if (change.Priority is { } priority && priority != next.Priority)
        {
            Event(TicketEventKinds.PriorityChanged, $"Priority {Name(next.Priority)} → {Name(priority)} by {agent}.");
            next = planner.OnPriorityChanged(next, priority, now);
        }

        if (change.Status is { } status && status != next.Status)
        {
            Event(TicketEventKinds.StatusChanged, $"Status {Name(next.Status)} → {Name(status)} by {agent}.");
            next = planner.OnStatusChanged(next, status, now);
        }

        if (change.Assignee is { } requested)
        {
            var assignee = string.IsNullOrWhiteSpace(requested) ? null : HeaderValue.Sanitize(requested.Trim(), MaxAssigneeLength);
            if (!string.Equals(assignee, next.Assignee, StringComparison.Ordinal))
            {
                Event(AgentEventKinds.AssigneeChanged, assignee is null ? $"Unassigned by {agent}." : $"Assigned to {assignee} by {agent}.");
                next = next with { Assignee = assignee };
            }
        }

        if (change.Language is { } language && !string.Equals(language, next.Language, StringComparison.Ordinal))
        {
            if (!planner.Policy.Languages.Offers(language))
            {
                throw new ArgumentException($"'{language}' is not a language the policy offers.", nameof(change));
            }

            Event(AgentEventKinds.LanguageChanged, $"Language {next.Language} → {language} by {agent}.");
            next = next with { Language = language };
        }

        if (events.Count == 0)
        {
            return null;
        }

        return new TicketCommit(next with { UpdatedAt = now, EventCount = ticket.EventCount + events.Count }) { Events = events };
    }

    /// <summary>camelCase as the API spells enum values ("pendingCustomer").</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static TicketMessage Message(int sequence, MessageDirection direction, string agent, string subject, string text, string? messageId, DateTimeOffset now) => new()
    {
        Sequence = sequence,
        Direction = direction,
        At = now,
        Author = agent,
        AuthorName = agent,
        Subject = subject,
        DisplayText = text,
        FullText = text,
        MessageId = messageId,
    };
}
