using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Sweeps;

/// <summary>
/// Who hears of what agents asked for, as the escalation sweep finds it (docs/agents.md, "Working from the inbox"): a
/// new ticket goes to every agent who asked and to the team when the policy says so, a customer's reply and an
/// assignment to the agent named, if they still want it. Each goes to an agent with their own signed reply address for
/// the ticket; never to the customer, a participant or the support address itself.
/// </summary>
internal static class AgentNoticePlan
{
    public static IEnumerable<(string Detail, SlaNotice? Notice)> For(Ticket ticket, AgentNoticesDue due, AgentRoster roster, SupportPolicy policy, SupportIdentity support, SlaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(roster);
        foreach (var notice in due.Notices.DistinctBy(n => (n.Kind, n.Agent)))
        {
            var what = AgentNoticeTemplate.Headline(notice.Kind);
            var sent = 0;
            foreach (var (to, agent) in Recipients(ticket, notice, roster, policy, support))
            {
                var replyTo = agent is null ? null : settings.Replies?.For(ticket.Id, agent.Id) is { } address ? new Mailbox(address, support.TeamName) : null;
                var link = settings.TicketLink(ticket.Id);
                var next = TicketDeadlines.Next(ticket) is { } deadline ? $"{deadline.Kind} due {PromiseStaffTemplate.Utc(deadline.DueAt)}" : null;
                var email = AgentNoticeTemplate.Render(new AgentNoticeModel(
                    notice.Kind, ticket.Id, ticket.Subject, ticket.Customer.Address, AgentActions.Name(ticket.Status), AgentActions.Name(ticket.Priority), ticket.Assignee, next, ticket.LastCustomerExcerpt, link, replyTo is not null));
                var links = new List<MailLink> { new("Open the ticket", link) };
                if (replyTo is not null)
                {
                    links.Add(new("Reply by email", "mailto:" + replyTo.Address));
                }

                var line = new MailParagraph($"[#{ticket.Id}] {ticket.Subject} ({ticket.Customer.Address}): {what}.") { Links = links };
                sent++;
                yield return ($"{what}: {to} told.", new SlaNotice(ticket.Id, $"notify-{notice.Kind}-{to}", "agent-notice", [new Mailbox(to, agent?.Name)], false, OutboxEmails.StaffLanguage, email, line) { ReplyTo = replyTo });
            }

            if (sent == 0)
            {
                yield return ($"{what}: nobody to tell any more.", null);
            }
        }
    }

    private static IEnumerable<(string Address, AgentProfile? Agent)> Recipients(Ticket ticket, AgentNotice notice, AgentRoster roster, SupportPolicy policy, SupportIdentity support)
    {
        var candidates = notice.Kind switch
        {
            AgentNoticeKind.NewTicket => roster.Agents.Where(a => a.Email is not null && a.Notify.NewTickets).Select(a => (a.Email!, (AgentProfile?)a))
                .Concat(AgentRoster.NewTicketsToTeam(policy) is { } team ? [(team, null)] : []),
            AgentNoticeKind.CustomerReply => roster.Reachable(notice.Agent) is { Notify.CustomerReplies: true } a ? [(a.Email!, a)] : [],
            AgentNoticeKind.Assignment => roster.Reachable(notice.Agent) is { Notify.Assignments: true } a && string.Equals(a.Name, ticket.Assignee, StringComparison.OrdinalIgnoreCase) ? [(a.Email!, a)] : [],
            _ => [],
        };

        return candidates
            .Where(c => !EmailAddress.SameAddress(c.Item1, ticket.Customer.Address)
                && !ticket.Participants.Any(p => EmailAddress.SameAddress(p.Address, c.Item1))
                && !TicketToken.IsSupportAddress(c.Item1, support.Address))
            .DistinctBy(c => c.Item1.ToUpperInvariant());
    }
}
