using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Agents;

/// <summary>
/// Reads a ticket's SLA state for agents: its next deadline and its risk. At risk means a running target has used at least
/// <see cref="AtRiskPercent"/> % of its time, or its first escalation level has fired; breached means a deadline has passed.
/// Paused targets (pending on the customer) carry no deadline and count as ok.
/// </summary>
internal static class TicketDeadlines
{
    public const double AtRiskPercent = 75;

    public static NextDeadline? Next(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        NextDeadline? next = null;
        foreach (var kind in Enum.GetValues<TargetKind>())
        {
            if (ticket.Sla.Target(kind)?.DueAt is { } due && (next is null || due < next.DueAt))
            {
                next = new NextDeadline(kind, due);
            }
        }

        return next;
    }

    public static TicketRisk Risk(Ticket ticket, SupportPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(policy);
        var risk = TicketRisk.Ok;
        if (ticket.Status is TicketStatus.Solved or TicketStatus.Closed)
        {
            return risk;
        }

        foreach (var kind in Enum.GetValues<TargetKind>())
        {
            if (ticket.Sla.Target(kind) is not { DueAt: { } due } state)
            {
                continue;
            }

            if (due <= now)
            {
                return TicketRisk.Breached;
            }

            if (state.LevelsFired > 0 || state.Clock.PercentElapsed(policy.Target(ticket.Priority, kind), now) >= AtRiskPercent)
            {
                risk = TicketRisk.AtRisk;
            }
        }

        return risk;
    }
}
