using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla;

/// <summary>
/// Turns a sweep's <see cref="SlaDecision"/> into ONE ticket commit: the changed ticket, an event per action and the outbox
/// rows of the emails (customer-facing ones threaded to the customer's last message, internal ones to the policy recipients).
/// </summary>
internal sealed class SlaActionComposer(SupportPolicy policy, SupportIdentity support, SlaSettings settings)
{
    private const string System = "system";

    public TicketCommit Compose(Ticket before, SlaDecision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(decision);
        var ticket = decision.Ticket;
        var events = new List<TicketEvent>();
        var outbox = new List<OutboxItem>();

        void Event(string kind, string detail) => events.Add(new(before.EventCount + events.Count + 1, kind, now, System, detail));

        void Mail(string kind, IReadOnlyList<Mailbox> to, RenderedEmail rendered, bool customer)
        {
            var sequence = before.OutboxCount + outbox.Count + 1;
            outbox.Add(customer
                ? OutboxEmails.ToCustomer(support, ticket, sequence, kind, rendered, "auto-generated", now)
                : OutboxEmails.ToStaff(support, ticket, sequence, kind, to, rendered, now));
        }

        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case EscalationFired e:
                    var recipients = Recipients(before, e.Level);
                    var target = EscalationTemplate.TargetName(e.Target);
                    var raised = e.PriorityBefore == e.PriorityAfter ? string.Empty : $"; priority {e.PriorityBefore} → {e.PriorityAfter}";
                    var told = recipients.Count == 0 ? "nobody to notify" : "notified " + string.Join(", ", recipients.Select(r => r.Address));
                    Event(TicketEventKinds.Escalated, $"{target} {e.Level.AtPercent}% ({e.Level.Name}, level {e.LevelNumber}): {told}{raised}.");
                    if (recipients.Count > 0)
                    {
                        Mail("escalation", recipients, EscalationTemplate.Render(new EscalationModel(
                            ticket.Id, ticket.Subject, ticket.Customer.Address, e.Target, e.Level.Name, e.Level.AtPercent, e.TargetDueAt,
                            e.PriorityBefore, e.PriorityAfter, settings.TicketLink(ticket.Id))), customer: false);
                    }

                    break;
                case StatusNoteDue:
                    Event(TicketEventKinds.StatusNoteQueued, $"Status note queued to {ticket.Customer.Address}.");
                    var by = ticket.Sla.FirstResponse?.DueAt ?? ticket.Sla.NextUpdate?.DueAt;
                    Mail("status-note", [ticket.Customer], StatusNoteTemplate.Render(new StatusNoteModel(
                        ticket.Id, ticket.Customer.Name, ticket.Subject, support.TeamName, ticket.Priority, by, Offset(by ?? now))), customer: true);
                    break;
                case PendingReminderDue p:
                    Event(TicketEventKinds.PendingReminderQueued, $"Pending reminder {p.Number} queued to {ticket.Customer.Address}.");
                    Mail("pending-reminder", [ticket.Customer], PendingReminderTemplate.Render(new PendingReminderModel(
                        ticket.Id, ticket.Customer.Name, ticket.Subject, support.TeamName, p.Number, p.AutoCloseAt, Offset(p.AutoCloseAt ?? now))), customer: true);
                    break;
                case AutoCloseDue:
                    Event(TicketEventKinds.AutoClosed, "Closed: no answer from the customer while pending.");
                    Mail("auto-close", [ticket.Customer], AutoCloseTemplate.Render(new AutoCloseModel(
                        ticket.Id, ticket.Customer.Name, ticket.Subject, support.TeamName)), customer: true);
                    break;
                case CheckBackDue:
                    if (settings.Survey is { } survey && policy.AfterSolve is { } after)
                    {
                        var expires = now + after.SurveyTokenLifetime;
                        var good = settings.SurveyLink(survey.Create(ticket.Id, SurveyRating.Good, expires));
                        var bad = settings.SurveyLink(survey.Create(ticket.Id, SurveyRating.Bad, expires));
                        Event(TicketEventKinds.CheckBackQueued, $"Check-back with survey queued to {ticket.Customer.Address}.");
                        Mail("check-back", [ticket.Customer], CheckBackTemplate.Render(new CheckBackModel(
                            ticket.Id, ticket.Customer.Name, ticket.Subject, support.TeamName, good, bad)), customer: true);
                    }
                    else
                    {
                        Event(TicketEventKinds.CheckBackQueued, "Check-back skipped: no survey signing key configured.");
                    }

                    break;
                case CloseAfterSolveDue:
                    Event(TicketEventKinds.ClosedAfterSolve, "Closed: solved and no further word from the customer.");
                    break;
                default:
                    throw new InvalidOperationException($"Unknown SLA action {action.GetType().Name}.");
            }
        }

        return new TicketCommit(ticket with
        {
            UpdatedAt = now,
            EventCount = before.EventCount + events.Count,
            OutboxCount = before.OutboxCount + outbox.Count,
        })
        {
            Events = events,
            Outbox = outbox,
        };
    }

    /// <summary>Who a level tells: the assignee (else the team address), the policy roles, literal addresses; each once.</summary>
    private List<Mailbox> Recipients(Ticket ticket, EscalationLevel level)
    {
        var addresses = new List<string>();
        foreach (var target in level.Notify)
        {
            var address = target.Role == RecipientRole.Assignee
                ? (string.IsNullOrWhiteSpace(ticket.Assignee) || !ticket.Assignee.Contains('@', StringComparison.Ordinal) ? policy.Recipients.Team : ticket.Assignee)
                : policy.Recipients.AddressFor(target);
            if (!string.IsNullOrWhiteSpace(address) && !addresses.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                addresses.Add(address.Trim());
            }
        }

        return [.. addresses.Select(a => new Mailbox(a))];
    }

    private TimeSpan Offset(DateTimeOffset at) => policy.DefaultCalendar.TimeZone.GetUtcOffset(at);

}
