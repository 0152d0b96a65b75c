using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Promises;

/// <summary>
/// What the sweeps do about promises (through <see cref="SlaPlanner.DueActions"/>), only while the ticket is open: the
/// escalation sweep reminds the agents before a promise's date, the follow-up sweep breaks a promise whose date passed
/// and names the customer a new date — an open promise still ahead, else the team's estimate, itself a promise by
/// <see cref="PromiseBook.System"/>.
/// </summary>
internal static class PromiseDue
{
    public static (Ticket Ticket, IReadOnlyList<SlaAction> Actions) Reminders(Ticket ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Status != TicketStatus.Open)
        {
            return (ticket, []);
        }

        // A reminder whose promise's date passed already (the sweep was down, or a raised priority moved it) is recorded
        // but not sent: the break follows, and the commit clears its due row.
        var due = ticket.Sla.Promises.Where(p => p.IsOpen && p.RemindAt is { } at && at <= now).ToList();
        if (due.Count == 0)
        {
            return (ticket, []);
        }

        var promises = PromiseBook.Reminded(ticket.Sla.Promises, [.. due.Select(p => p.Id)]);
        return (ticket with { Sla = ticket.Sla with { Promises = promises } }, [.. due.Select(p => new PromiseReminderDue(p, p.RemindAt!.Value, Late: p.By <= now))]);
    }

    public static (Ticket Ticket, PromisesBroken? Action) Breaks(Ticket ticket, SupportPolicy policy, PaceSnapshot? pace, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Status != TicketStatus.Open)
        {
            return (ticket, null);
        }

        var due = ticket.Sla.Promises.Where(p => p.IsOpen && p.CheckAt is { } at && at <= now).ToList();
        if (due.Count == 0)
        {
            return (ticket, null);
        }

        var ids = due.Select(p => p.Id).ToHashSet();
        var promises = PromiseBook.Broken(ticket.Sla.Promises, ids);
        var next = promises.Where(p => p.IsOpen && p.By > now).OrderByDescending(p => p.MadeAt).FirstOrDefault();
        CompletionEstimate? estimate = null;
        if (next is null)
        {
            estimate = CompletionEstimate.For(ticket, policy, pace, now);
            (promises, next) = PromiseBook.Make(promises, PromiseKind.Resolution, estimate.By, PromiseBook.System, now, estimate: true);
        }

        var broken = promises.Where(p => ids.Contains(p.Id)).ToList();
        return (ticket with { Sla = ticket.Sla with { Promises = promises } }, new PromisesBroken(broken, next, estimate, due.Min(p => p.CheckAt!.Value)));
    }
}
