using System.Globalization;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Sweeps;

/// <summary>
/// Turns a sweep's <see cref="SlaDecision"/> into ONE ticket commit: the changed ticket, an event per action and the outbox
/// rows of the emails (customer-facing ones in the customer's language, threaded to their last message; internal ones to
/// the policy recipients). With a <see cref="DigestRouting"/>, notices that belong to a digest are not sent on their own:
/// the anchor's commit carries the digest, the others record that they were included.
/// </summary>
internal sealed class SlaActionComposer(SupportPolicy policy, SupportIdentity support, SlaSettings settings)
{
    private const string System = "system";

    /// <summary>The emails the decision's actions send, as the sweep plans its digests with them.</summary>
    /// <param name="roster">The agents' profiles as the sweep run read them: their addresses and what they asked for.</param>
    public IReadOnlyList<SlaNotice> Notices(Ticket before, SlaDecision decision, DateTimeOffset now, AgentRoster? roster = null) =>
        [.. Plan(before, decision, now, roster ?? AgentRoster.Empty).Select(e => e.Notice).OfType<SlaNotice>()];

    public TicketCommit Compose(Ticket before, SlaDecision decision, DateTimeOffset now, DigestRouting? routing = null, AgentRoster? roster = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(decision);
        routing ??= DigestRouting.None;
        var ticket = decision.Ticket;
        var entries = Plan(before, decision, now, roster ?? AgentRoster.Empty);
        var fresh = entries.Select(e => e.Notice).OfType<SlaNotice>().ToList();

        // A digest this ticket anchors goes out only if the ticket still has its notice in it (an overlapping run may
        // have done it already); a member's notice counts as included only in a digest whose anchor committed.
        var anchored = routing.AnchoredBy(ticket.Id).Where(g => fresh.Any(n => routing.GroupOf(n) == g)).ToList();
        DigestGroup? Carrier(SlaNotice notice) => routing.GroupOf(notice) is { } g && (anchored.Contains(g) || (g.Anchor != ticket.Id && g.CommittedSequence is not null)) ? g : null;

        // The digests go after this commit's other emails: their numbers are known before the events that name them.
        var change = new TicketCommitBuilder(before, now) { Ticket = ticket };
        var standalone = fresh.Count(n => Carrier(n) is null);
        var digestSequences = anchored.Select((g, i) => (Group: g, Sequence: change.NextOutboxSequence + standalone + i)).ToDictionary(x => x.Group, x => x.Sequence);

        foreach (var entry in entries)
        {
            var detail = entry.Detail;
            if (entry.Notice is { } notice)
            {
                var to = string.Join(", ", notice.To.Select(t => t.Address));
                switch (Carrier(notice))
                {
                    case { } group when group.Anchor == ticket.Id:
                        detail += $" Sent to {to} in the digest email out-{digestSequences[group]:D6} of this ticket.";
                        break;
                    case { } group:
                        detail += $" Sent to {to} in the digest email {group.Anchor}/out-{group.CommittedSequence:D6}.";
                        break;
                    default:
                        change.Email(sequence => notice.ToCustomer
                            ? OutboxEmails.ToCustomer(support, ticket, sequence, notice.Kind, notice.Email, "auto-generated", now)
                            : OutboxEmails.ToStaff(support, ticket, sequence, notice.Kind, notice.To, notice.Email, now, notice.ReplyTo));
                        detail += $" Queued to {to}.";
                        break;
                }
            }

            change.Event(entry.EventKind, System, detail);
        }

        foreach (var (group, sequence) in digestSequences)
        {
            // The anchor's own lines as decided now; the others' as the run collected them.
            var lines = group.Notices.Select(n => n.Ticket == ticket.Id ? fresh.FirstOrDefault(f => f.Id == n.Id) ?? n : n).ToList();
            var first = lines[0];
            var count = lines.Select(l => l.Ticket).Distinct().Count();
            var rendered = first.ToCustomer
                ? DigestTemplate.ToCustomer(first.Language, ticket.Customer.Name, support.TeamName, [.. lines.Select(l => l.DigestLine)], count)
                : DigestTemplate.ToStaff([.. lines.Select(l => l.DigestLine)], count);
            change.Email(next => next == sequence
                ? OutboxEmails.Digest(support, ticket.Id, sequence, group.Number, first.To, first.ToCustomer ? first.Language : OutboxEmails.StaffLanguage, rendered, lines.Select(l => l.Ticket), now)
                : throw new InvalidOperationException($"Digest {group.Number} was numbered {sequence} but comes at {next}."));
        }

        return change.Build();
    }

    /// <summary>Per action, in order: its event and the email it sends (if any).</summary>
    private List<Entry> Plan(Ticket before, SlaDecision decision, DateTimeOffset now, AgentRoster roster)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(decision);
        var ticket = decision.Ticket;
        var t = MailTexts.For(ticket.Language);
        var customer = ticket.Customer.Address;
        var id = ticket.Id.ToString();
        var subject = ticket.Subject;
        var zone = policy.DefaultCalendar.TimeZone;
        string When(DateTimeOffset at) => t.When(at, ticket.CustomerUtcOffset, zone);
        SlaNotice ToCustomer(string noticeId, string kind, RenderedEmail email, MailParagraph line) =>
            new(ticket.Id, noticeId, kind, [ticket.Customer], true, ticket.Language, email, line);

        var entries = new List<Entry>();
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case EscalationFired e:
                    var recipients = Recipients(before, e.Level.Notify, roster);
                    var target = EscalationTemplate.TargetName(e.Target);
                    var raised = e.PriorityBefore == e.PriorityAfter ? string.Empty : $"; priority {e.PriorityBefore} → {e.PriorityAfter}";
                    var told = recipients.Count == 0 ? "nobody to notify" : "notify " + string.Join(", ", recipients.Select(r => r.Address));
                    var detail = $"{target} {e.Level.AtPercent}% ({e.Level.Name}, level {e.LevelNumber}): {told}{raised}.";
                    SlaNotice? escalation = null;
                    if (recipients.Count > 0)
                    {
                        var link = settings.TicketLink(ticket.Id);
                        var email = EscalationTemplate.Render(new EscalationModel(
                            ticket.Id, subject, customer, e.Target, e.Level.Name, e.Level.AtPercent, e.TargetDueAt, e.PriorityBefore, e.PriorityAfter, link));
                        var due = e.TargetDueAt is { } at ? MailTexts.For(OutboxEmails.StaffLanguage).When(at, TimeSpan.Zero) : "(clock paused)";
                        var line = new MailParagraph(string.Create(CultureInfo.InvariantCulture, $"[#{id}] {subject} ({customer}): {target} {e.Level.AtPercent}% ({e.Level.Name}), due {due}{raised}."))
                        {
                            Links = [new("Open the ticket", link)],
                        };
                        escalation = new SlaNotice(ticket.Id, $"{DueKinds.Escalation(e.Target)}-{e.LevelNumber}", "escalation", recipients, false, OutboxEmails.StaffLanguage, email, line)
                        {
                            ReplyTo = AgentReplyTo(before, recipients, roster),
                        };
                    }

                    entries.Add(new(TicketEventKinds.Escalated, detail, escalation));
                    break;
                case StatusNoteDue s:
                    var note = new StatusNoteModel(
                        ticket.Id, ticket.Customer.Name, subject, support.TeamName, ticket.Language, ticket.Priority, ticket.LastReplyExcerpt, ticket.LastAgentUpdateAt,
                        PromiseBook.Next(ticket.Sla.Promises), s.Estimate, ticket.CustomerUtcOffset, zone);
                    var repeats = note.OpenPromise is { } open ? $" Restates promise {open.Id}." : " States the team's estimate.";
                    entries.Add(new(TicketEventKinds.StatusNoteQueued, "Status note." + repeats, ToCustomer(
                        "status-note",
                        "status-note",
                        StatusNoteTemplate.Render(note),
                        new(t["digest.statusNote", ("ticket", id), ("subject", subject), ("next", StatusNoteTemplate.Next(t, note))]))));
                    break;
                case AgentNoticesDue n:
                    entries.AddRange(AgentNoticePlan.For(ticket, n, roster, policy, support, settings).Select(x => new Entry(TicketEventKinds.AgentNotified, x.Detail, x.Notice)));
                    break;
                case PromiseReminderDue r:
                    entries.Add(r.Late
                        ? new(TicketEventKinds.PromiseReminder, $"No reminder: {PromiseStaffTemplate.Line(r.Promise)}, a date that has passed.", null)
                        : PromiseReminder(before, r.Promise, roster));
                    break;
                case PromisesBroken b:
                    entries.AddRange(PromisesBroken(before, ticket, b, roster));
                    break;
                case PendingReminderDue p:
                    entries.Add(new(TicketEventKinds.PendingReminderQueued, $"Pending reminder {p.Number}.", ToCustomer(
                        $"pending-{p.Number}",
                        "pending-reminder",
                        PendingReminderTemplate.Render(new PendingReminderModel(ticket.Id, ticket.Customer.Name, subject, support.TeamName, ticket.Language, p.Number, p.AutoCloseAt, policy.CustomerOffset(ticket.CustomerUtcOffset, p.AutoCloseAt ?? now))),
                        new(p.AutoCloseAt is { } close ? t["digest.pending", ("ticket", id), ("subject", subject), ("when", When(close))] : t["digest.pendingOpen", ("ticket", id), ("subject", subject)]))));
                    break;
                case AutoCloseDue:
                    entries.Add(new(TicketEventKinds.AutoClosed, "Closed: no answer from the customer while pending.", ToCustomer(
                        "auto-close",
                        "auto-close",
                        AutoCloseTemplate.Render(new AutoCloseModel(ticket.Id, ticket.Customer.Name, subject, support.TeamName, ticket.Language)),
                        new(t["digest.autoClose", ("ticket", id), ("subject", subject)]))));
                    break;
                case CheckBackDue:
                    if (settings.Survey is { } survey && policy.AfterSolve is { } after)
                    {
                        // The survey asks about this resolution; a link from an earlier one is refused.
                        var expires = now + after.SurveyTokenLifetime;
                        var good = settings.SurveyLink(survey.Create(ticket.Id, SurveyRating.Good, expires, ticket.ResolutionCount));
                        var bad = settings.SurveyLink(survey.Create(ticket.Id, SurveyRating.Bad, expires, ticket.ResolutionCount));
                        entries.Add(new(TicketEventKinds.CheckBackQueued, $"Check-back with survey (resolution {ticket.ResolutionCount}).", ToCustomer(
                            "check-back",
                            "check-back",
                            CheckBackTemplate.Render(new CheckBackModel(ticket.Id, ticket.Customer.Name, subject, support.TeamName, ticket.Language, good, bad)),
                            new(t["digest.checkBack", ("ticket", id), ("subject", subject)]) { Links = CheckBackTemplate.SurveyLinks(t, good, bad) })));
                    }
                    else
                    {
                        entries.Add(new(TicketEventKinds.CheckBackQueued, "Check-back skipped: no survey signing key configured.", null));
                    }

                    break;
                case CloseAfterSolveDue:
                    entries.Add(new(TicketEventKinds.ClosedAfterSolve, "Closed: solved and no further word from the customer.", null));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown SLA action {action.GetType().Name}.");
            }
        }

        return entries;
    }

    /// <summary>The agents' reminder before a promise's date: to the assignee, else the team, in their digest like the escalations.</summary>
    private Entry PromiseReminder(Ticket ticket, TicketPromise promise, AgentRoster roster)
    {
        var to = Recipients(ticket, [new NotifyTarget(RecipientRole.Assignee)], roster);
        var line = PromiseStaffTemplate.Line(promise);
        if (to.Count == 0)
        {
            return new(TicketEventKinds.PromiseReminder, $"Reminder: {line}; nobody to remind.", null);
        }

        var model = new PromiseStaffModel(ticket.Id, ticket.Subject, ticket.Customer.Address, [promise], settings.TicketLink(ticket.Id));
        var digestLine = new MailParagraph($"[#{ticket.Id}] {ticket.Subject} ({ticket.Customer.Address}): {line}.") { Links = [new("Open the ticket", model.Link)] };
        var notice = new SlaNotice(ticket.Id, $"{DueKinds.PromiseReminder}-{promise.Id}", "promise-reminder", to, false, OutboxEmails.StaffLanguage, PromiseStaffTemplate.Reminder(model), digestLine)
        {
            ReplyTo = AgentReplyTo(ticket, to, roster),
        };
        return new(TicketEventKinds.PromiseReminder, $"Reminder: {line}.", notice);
    }

    /// <summary>Broken promises: the assignee and the team lead are told; the customer gets one apology with the new date (policy promises.apology).</summary>
    private IEnumerable<Entry> PromisesBroken(Ticket before, Ticket ticket, PromisesBroken broken, AgentRoster roster)
    {
        var ids = string.Join(", ", broken.Broken.Select(p => p.Id));
        var next = $"new date {PromiseStaffTemplate.Utc(broken.Next.By)} (promise {broken.Next.Id}{(broken.Estimate is null ? string.Empty : ", the team's estimate")})";
        var apology = policy.Promises.Apology;
        var outcome = apology ? $"The customer gets an apology naming the {next}." : $"No apology to the customer (policy promises.apology is off); {next}.";
        var staff = Recipients(before, [new NotifyTarget(RecipientRole.Assignee), new NotifyTarget(RecipientRole.TeamLead)], roster);
        var model = new PromiseStaffModel(ticket.Id, ticket.Subject, ticket.Customer.Address, broken.Broken, settings.TicketLink(ticket.Id));
        var lines = string.Join("; ", broken.Broken.Select(PromiseStaffTemplate.Line));
        var staffNotice = staff.Count == 0 ? null : new SlaNotice(
            ticket.Id, $"{DueKinds.PromiseCheck}-staff-{ids}", "promise-broken", staff, false, OutboxEmails.StaffLanguage, PromiseStaffTemplate.Broken(model, outcome),
            new MailParagraph($"[#{ticket.Id}] {ticket.Subject} ({ticket.Customer.Address}): broken: {lines}; {next}.") { Links = [new("Open the ticket", model.Link)] });
        yield return new(TicketEventKinds.PromiseBroken, $"Broken: {lines}; {next}.", staffNotice);
        if (broken.Estimate is not null)
        {
            yield return new(TicketEventKinds.PromiseMade, $"Promise {broken.Next.Id}: the solution by {broken.Next.By:u}, the team's estimate ({(broken.Estimate.FromPace ? "its recent resolution times" : "the resolution target")}).", null);
        }

        if (apology)
        {
            var t = MailTexts.For(ticket.Language);
            var zone = policy.DefaultCalendar.TimeZone;
            var email = ApologyTemplate.Render(new ApologyModel(
                ticket.Id, ticket.Customer.Name, ticket.Subject, support.TeamName, ticket.Language, broken.Broken, broken.Next, broken.Estimate, ticket.CustomerUtcOffset, zone));
            var first = broken.Broken[0];
            var digestLine = t["digest.apology", ("ticket", ticket.Id.ToString()), ("subject", ticket.Subject), ("when", t.When(first.By, ticket.CustomerUtcOffset, zone)),
                ("next", PromiseWords.NewDate(t, broken.Next, broken.Estimate, ticket.CustomerUtcOffset, zone))];
            yield return new(TicketEventKinds.PromiseApologyQueued, $"Apology for promise {ids}.", new SlaNotice(
                ticket.Id, $"{DueKinds.PromiseCheck}-{ids}", "apology", [ticket.Customer], true, ticket.Language, email, new(digestLine)));
        }
    }

    /// <summary>
    /// Who a level (or a promise's notice) tells, each once: the assignee — their profile's address, or the assignee
    /// itself when it is an address, else the team address — the policy roles, literal addresses.
    /// </summary>
    private List<Mailbox> Recipients(Ticket ticket, IEnumerable<NotifyTarget> notify, AgentRoster roster)
    {
        var addresses = new List<string>();
        foreach (var target in notify)
        {
            var address = target.Role == RecipientRole.Assignee
                ? roster.Reachable(ticket.Assignee)?.Email
                    ?? (string.IsNullOrWhiteSpace(ticket.Assignee) || !ticket.Assignee.Contains('@', StringComparison.Ordinal) ? policy.Recipients.Team : ticket.Assignee)
                : policy.Recipients.AddressFor(target);
            if (!string.IsNullOrWhiteSpace(address) && !addresses.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                addresses.Add(address.Trim());
            }
        }

        return [.. addresses.Select(a => new Mailbox(a))];
    }

    /// <summary>The assignee's signed reply address when a notice goes to them alone and they can reply by email.</summary>
    private Mailbox? AgentReplyTo(Ticket ticket, IReadOnlyList<Mailbox> to, AgentRoster roster) =>
        to.Count == 1 && roster.Reachable(ticket.Assignee) is { } agent && Inbound.EmailAddress.SameAddress(agent.Email!, to[0].Address)
            && settings.Replies?.For(ticket.Id, agent.Id) is { } address ? new Mailbox(address, support.TeamName) : null;

    private sealed record Entry(string EventKind, string Detail, SlaNotice? Notice);
}
