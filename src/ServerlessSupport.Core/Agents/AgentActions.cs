using ServerlessSupport.Core.Email;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
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

    /// <summary>How much of the last public reply a status note repeats (characters).</summary>
    public const int ExcerptLength = 400;

    /// <summary>
    /// A public reply (emailed to the customer) or an internal note (never emailed). A public reply keeps the open
    /// first-response and update promises; <paramref name="promise"/> makes a new one, stated in the mail.
    /// </summary>
    public TicketCommit Reply(Ticket ticket, string agent, string text, bool isPublic, DateTimeOffset now, AgentPromise? promise = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text.Length > MaxTextLength)
        {
            throw new ArgumentException($"The text is longer than {MaxTextLength} characters.", nameof(text));
        }

        if (promise?.Problem(isPublic, now) is { } problem)
        {
            throw new ArgumentException(problem, nameof(promise));
        }

        var change = new TicketCommitBuilder(ticket, now);
        AddReply(change, agent, text, isPublic, promise, []);
        return change.Build();
    }

    /// <summary>
    /// Adds a reply (or note) to a change under way, on the ticket as the change has left it so far, so one commit can
    /// hold a reply and a status change (an agent's reply by email with a command).
    /// </summary>
    public void AddReply(TicketCommitBuilder change, string agent, string text, bool isPublic, AgentPromise? promise, IReadOnlyList<StoredAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ticket = change.Ticket;
        var now = change.Now;
        if (!isPublic)
        {
            change.Message(Message(MessageDirection.Note, agent, ticket.Subject, text, null, now, attachments));
            change.Event(AgentEventKinds.NoteAdded, agent, $"Internal note by {agent}.");
            return;
        }

        var stated = promise is null ? null : PromiseWords.Promise(
            MailTexts.For(ticket.Language), new TicketPromise { Id = 0, Kind = promise.Kind, By = promise.By, MadeBy = agent, MadeAt = now }, ticket.CustomerUtcOffset, planner.Policy.DefaultCalendar.TimeZone);
        var rendered = AgentReplyTemplate.Render(new AgentReplyModel(ticket.Id, ticket.Subject, text, HeaderValue.Sanitize(agent, 100), support.TeamName, ticket.Language, stated));
        // A person wrote this: no Auto-Submitted, so it threads as a reply and the customer's autoresponder may answer.
        // The people the customer copied are copied on it.
        var outbox = change.Email(sequence => OutboxEmails.ToCustomer(support, ticket, sequence, ReplyOutboxKind, rendered, autoSubmitted: null, now, cc: ticket.Participants));
        change.Message(Message(MessageDirection.Outbound, agent, rendered.Subject, text, outbox.Email.MessageId, now, attachments));
        change.Event(TicketEventKinds.AgentReplied, agent, $"Public reply by {agent} to {ticket.Customer.Address}.");
        var next = ticket;
        if (ticket.FirstRespondedAt is null && ticket.Sla.FirstResponse is { } firstResponse)
        {
            var spec = planner.Policy.Target(ticket.Priority, TargetKind.FirstResponse);
            var elapsed = firstResponse.Clock.Elapsed(spec, now);
            var met = elapsed <= spec.Duration;
            var due = firstResponse.DueAt is { } at ? $" (due {at:u})" : " (clock paused)";
            change.Event(AgentEventKinds.FirstResponse, agent, $"{(met ? AgentEventKinds.FirstResponseMet : AgentEventKinds.FirstResponseMissed)}: first response by {agent} at {now:u}{due}.");

            // Kept for the team's pace (the realistic promise of later acknowledgments).
            next = next with { FirstResponseTime = elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed, FirstResponsePriority = ticket.Priority };
        }

        next = planner.OnAgentPublicReply(next with { LastReplyExcerpt = Excerpt(text) }, now);
        SettledEvents(change, ticket, next, agent, "by this reply");

        if (promise is not null)
        {
            next = planner.OnPromiseMade(next, promise.Kind, promise.By, agent, now);
            change.Event(TicketEventKinds.PromiseMade, agent, $"Promise {next.Sla.Promises[^1].Id}: {PromiseWords.StaffName(promise.Kind)} by {promise.By:u}, stated in the reply.");
        }

        change.Ticket = next;
    }

    /// <summary>Status, priority, assignee and language in one commit with an event per change; null when nothing changes.</summary>
    /// <param name="roster">Whether a new assignee asked to hear of assignments (none: nobody is told).</param>
    public TicketCommit? Change(Ticket ticket, string agent, TicketChange change, DateTimeOffset now, AgentRoster? roster = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var commit = new TicketCommitBuilder(ticket, now);
        return AddChange(commit, agent, change, roster) ? commit.Build() : null;
    }

    /// <summary>Adds status, priority, assignee and language changes to a change under way; false when nothing changes.</summary>
    public bool AddChange(TicketCommitBuilder commit, string agent, TicketChange change, AgentRoster? roster = null)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        var now = commit.Now;
        var events = commit.Events.Count;
        void Event(string kind, string detail) => commit.Event(kind, agent, detail);
        var next = commit.Ticket;

        // Priority first: a status change that resumes paused clocks measures the pause on the new priority's targets.
        if (change.Priority is { } priority && priority != next.Priority)
        {
            Event(TicketEventKinds.PriorityChanged, $"Priority {Name(next.Priority)} → {Name(priority)} by {agent}.");
            next = planner.OnPriorityChanged(next, priority, now);
        }

        if (change.Status is { } status && status != next.Status)
        {
            Event(TicketEventKinds.StatusChanged, $"Status {Name(next.Status)} → {Name(status)} by {agent}.");
            var before = next;
            next = planner.OnStatusChanged(next, status, now);
            SettledEvents(commit, before, next, agent, $"by the status {Name(status)}");
        }

        if (change.Assignee is { } requested)
        {
            var assignee = string.IsNullOrWhiteSpace(requested) ? null : HeaderValue.Sanitize(requested.Trim(), MaxAssigneeLength);
            if (!string.Equals(assignee, next.Assignee, StringComparison.Ordinal))
            {
                Event(AgentEventKinds.AssigneeChanged, assignee is null ? $"Unassigned by {agent}." : $"Assigned to {assignee} by {agent}.");
                next = next with { Assignee = assignee };

                // Told by email if they asked, unless they assigned it to themselves.
                if (roster?.Reachable(assignee) is { Notify.Assignments: true } told && !string.Equals(told.Name, agent, StringComparison.OrdinalIgnoreCase))
                {
                    next = SlaPlanner.OnAgentNotice(next, new AgentNotice { Kind = AgentNoticeKind.Assignment, At = now, Agent = told.Name });
                }
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

        commit.Ticket = next;
        return commit.Events.Count > events;
    }

    /// <summary>An event for each promise the change settled (kept, broken late, or replaced by the ticket's end).</summary>
    private static void SettledEvents(TicketCommitBuilder change, Ticket before, Ticket after, string agent, string cause)
    {
        foreach (var p in after.Sla.Promises.Where(p => !p.IsOpen && before.Sla.Promises.Any(b => b.Id == p.Id && b.IsOpen)))
        {
            change.Event(TicketEventKinds.PromiseSettled, agent, $"Promise {p.Id} ({PromiseWords.StaffName(p.Kind)} by {p.By:u}): {Name(p.State)} {cause}.");
        }
    }

    /// <summary>The reply's own words, quoted history stripped, cut at a word to <see cref="ExcerptLength"/> characters.</summary>
    public static string Excerpt(string text)
    {
        var own = QuotedHistory.Strip(text).Trim();
        if (own.Length <= ExcerptLength)
        {
            return own;
        }

        var cut = own.LastIndexOfAny([' ', '\n'], ExcerptLength - 1);
        return own[..(cut > ExcerptLength / 2 ? cut : ExcerptLength - 1)].TrimEnd() + "…";
    }

    /// <summary>camelCase as the API spells enum values ("pendingCustomer").</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>The agent's message as recorded; the commit builder numbers it.</summary>
    private static TicketMessage Message(MessageDirection direction, string agent, string subject, string text, string? messageId, DateTimeOffset now, IReadOnlyList<StoredAttachment> attachments) => new()
    {
        Sequence = 0,
        Direction = direction,
        At = now,
        Author = agent,
        AuthorName = agent,
        Subject = subject,
        DisplayText = text,
        FullText = text,
        MessageId = messageId,
        Attachments = attachments,
    };
}
