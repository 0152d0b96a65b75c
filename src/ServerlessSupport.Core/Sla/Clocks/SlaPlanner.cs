using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// The SLA rules as pure operations on a ticket (no I/O; the caller passes the time). Every operation returns the ticket
/// with its <see cref="Ticket.Sla"/> (and the fields that go with it: status, priority, deadlines) brought up to date;
/// the ticket store turns the result into due rows.
/// <list type="bullet">
/// <item>FirstResponse runs from creation until the first public agent reply.</item>
/// <item>NextUpdate restarts on each customer message once the first response has been given (until then the first
/// response is the update owed) and stops at the agent's public reply.</item>
/// <item>Resolution runs from creation until solved; the time a ticket spends solved or closed does not count if it is
/// reopened.</item>
/// <item>Every clock pauses while the ticket is pending on the customer and resumes on the customer's reply or when an
/// agent sets it open again.</item>
/// <item>A priority change recomputes every deadline from the clock's original start; fired levels stay fired.</item>
/// <item>Automatic notes to the customer (status notes, pending reminders, auto-close, check-back) are scheduled inside the
/// policy's customer daytime window, in the customer's time: one that would fall at night waits for the morning.</item>
/// <item>Each solve counts a resolution (<see cref="Ticket.ResolutionCount"/>); a survey is about one resolution.</item>
/// <item>Promises to the customer follow <see cref="PromiseBook"/>; the sweeps remind and break them (<see cref="PromiseDue"/>).</item>
/// </list>
/// </summary>
internal sealed class SlaPlanner(SupportPolicy policy)
{
    private const int MaxActionsPerDecision = 64;

    public SupportPolicy Policy { get; } = policy;

    public Ticket OnCreated(Ticket ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var sla = TicketSla.None with
        {
            FirstResponse = SlaTargetState.StartAt(now),
            Resolution = SlaTargetState.StartAt(now),
            StatusNoteDue = StatusNoteFrom(ticket, now),
        };
        return Refresh(ticket with { Sla = sla });
    }

    /// <summary>A person's mail from the customer (automatic mail changes nothing): reopens, resumes, restarts next-update.</summary>
    public Ticket OnCustomerMessage(Ticket ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var sla = ticket.Sla;
        var wasOpen = ticket.Status == TicketStatus.Open;
        if (!wasOpen)
        {
            sla = Reopened(ResumeAll(sla, ticket.Priority, now));
        }

        if (sla.FirstResponse is null)
        {
            sla = sla with { NextUpdate = SlaTargetState.StartAt(now) };
        }

        if (!wasOpen || sla.StatusNoteDue is null)
        {
            sla = sla with { StatusNoteDue = StatusNoteFrom(ticket, now) };
        }

        return Refresh(ticket with { Sla = sla, Status = TicketStatus.Open, SolvedAt = null });
    }

    /// <summary>An agent's public reply: first response given, next update given, the status-note timer restarts.</summary>
    public Ticket OnAgentPublicReply(Ticket ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var sla = ticket.Sla with
        {
            FirstResponse = null,
            NextUpdate = null,
            StatusNoteDue = ticket.Status == TicketStatus.Open ? StatusNoteFrom(ticket, now) : ticket.Sla.StatusNoteDue,
            Promises = PromiseBook.OnPublicReply(ticket.Sla.Promises, now),
        };
        return Refresh(ticket with
        {
            Sla = sla,
            FirstRespondedAt = ticket.FirstRespondedAt ?? now,
            LastAgentUpdateAt = now,
        });
    }

    /// <summary>Something an agent asked to hear about: the escalation sweep sends it (at most 20 wait; the oldest go first).</summary>
    public static Ticket OnAgentNotice(Ticket ticket, Agents.AgentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket with { Sla = ticket.Sla with { AgentNotices = [.. ticket.Sla.AgentNotices.TakeLast(19), notice] } };
    }

    /// <summary>A promise to the customer: it replaces the open one of its kind.</summary>
    public Ticket OnPromiseMade(Ticket ticket, PromiseKind kind, DateTimeOffset by, string madeBy, DateTimeOffset now, bool estimate = false)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var (promises, _) = PromiseBook.Make(ticket.Sla.Promises, kind, by, madeBy, now, estimate);
        return Refresh(ticket with { Sla = ticket.Sla with { Promises = promises } });
    }

    /// <summary>Moves the ticket to <paramref name="status"/> with the clocks and timers that go with it.</summary>
    public Ticket OnStatusChanged(Ticket ticket, TicketStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var old = ticket.Status;
        if (old == status)
        {
            return ticket;
        }

        var sla = ticket.Sla;
        if (old is TicketStatus.PendingCustomer or TicketStatus.Solved or TicketStatus.Closed)
        {
            sla = ResumeAll(sla, ticket.Priority, now);
        }

        sla = Reopened(sla);
        var solvedAt = ticket.SolvedAt;
        var resolutions = ticket.ResolutionCount;
        var measured = ticket;
        switch (status)
        {
            case TicketStatus.Open:
                sla = sla with { StatusNoteDue = StatusNoteFrom(ticket, now) };
                solvedAt = null;
                break;
            case TicketStatus.PendingCustomer:
                sla = PauseAll(sla, now) with
                {
                    StatusNoteDue = null,
                    PendingSince = now,
                    PendingRemindersSent = 0,
                    PendingReminderDue = Policy.Pending.Reminders.Count > 0 ? InDaytime(ticket, Policy.Pending.Reminders[0].DueFrom(now)) : null,
                    AutoCloseAt = Policy.Pending.AutoCloseAfter is { } close ? InDaytime(ticket, close.DueFrom(now)) : null,
                };
                solvedAt = null;
                break;
            case TicketStatus.Solved:
                // Kept for the team's estimate (the promises' new date after a broken one), as first responses are for the acknowledgment.
                if (sla.Resolution is { } resolution)
                {
                    var elapsed = resolution.Clock.Elapsed(Policy.Target(ticket.Priority, TargetKind.Resolution), now);
                    measured = ticket with { ResolutionTime = elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed, ResolutionPriority = ticket.Priority, ResolvedAt = now };
                }

                sla = PauseAll(sla with { FirstResponse = null, NextUpdate = null, StatusNoteDue = null, Promises = PromiseBook.OnSolved(sla.Promises, now) }, now) with
                {
                    CheckBackAt = Policy.AfterSolve is { } after ? InDaytime(ticket, now + after.CheckBackAfter) : null,
                    CheckBackSent = false,
                    CloseAt = Policy.AfterSolve?.CloseAfter is { } closeAfter ? now + closeAfter : null,
                };
                solvedAt = now;
                resolutions++;
                break;
            case TicketStatus.Closed:
                sla = PauseAll(sla, now) with { StatusNoteDue = null, Promises = PromiseBook.OnClosed(sla.Promises, now) };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }

        return Refresh(measured with { Sla = sla, Status = status, SolvedAt = solvedAt, ResolutionCount = resolutions });
    }

    /// <summary>New priority: every deadline recomputed from its clock's original start, keeping paused time and fired levels.</summary>
    public Ticket OnPriorityChanged(Ticket ticket, Priority priority, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        _ = now;
        return Refresh(ticket with { Priority = priority });
    }

    /// <summary>
    /// What <paramref name="sweep"/> (<see cref="DueKinds.FollowUpSweep"/> or <see cref="DueKinds.EscalationSweep"/>) has to do
    /// on this ticket at <paramref name="now"/>: every overdue action once, in the order it fell due, and the ticket after
    /// them. An empty decision means nothing is due (done already, or the ticket moved on). <paramref name="pace"/> gives the
    /// team's estimate when a broken promise needs a new date (null: the resolution target).
    /// </summary>
    public SlaDecision DueActions(Ticket ticket, string sweep, DateTimeOffset now, PaceSnapshot? pace = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Status == TicketStatus.Closed)
        {
            return new SlaDecision(ticket, []);
        }

        return sweep switch
        {
            DueKinds.EscalationSweep => Escalations(ticket, now),
            DueKinds.FollowUpSweep => FollowUps(ticket, now, pace),
            _ => throw new ArgumentOutOfRangeException(nameof(sweep), sweep, "Unknown sweep."),
        };
    }

    /// <summary>Recomputes every derived instant (deadlines, next escalation levels, first-response due) from the clocks.</summary>
    public Ticket Refresh(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var sla = ticket.Sla;
        foreach (var kind in Enum.GetValues<TargetKind>())
        {
            if (sla.Target(kind) is not { } state)
            {
                continue;
            }

            var spec = Policy.Target(ticket.Priority, kind);
            var levels = Policy.EscalationsFor(kind);
            var next = state.LevelsFired < levels.Count ? state.Clock.DueAt(spec, levels[state.LevelsFired].AtPercent) : null;
            sla = sla.WithTarget(kind, state with { DueAt = state.Clock.DueAt(spec), NextLevelAt = next });
        }

        sla = sla with { Promises = PromiseBook.Derive(sla.Promises, Policy, ticket.CustomerUtcOffset, sla.FirstResponse?.DueAt) };
        return ticket with { Sla = sla, FirstResponseDue = sla.FirstResponse?.DueAt };
    }

    private SlaDecision Escalations(Ticket ticket, DateTimeOffset now)
    {
        var actions = new List<SlaAction>();
        while (actions.Count < MaxActionsPerDecision)
        {
            // The earliest level due across the three targets fires first; a raised priority may bring others forward.
            TargetKind? earliest = null;
            DateTimeOffset earliestAt = default;
            foreach (var kind in Enum.GetValues<TargetKind>())
            {
                if (ticket.Sla.Target(kind)?.NextLevelAt is { } at && at <= now && (earliest is null || at < earliestAt))
                {
                    earliest = kind;
                    earliestAt = at;
                }
            }

            if (earliest is not { } target)
            {
                break;
            }

            var state = ticket.Sla.Target(target)!;
            var levels = Policy.EscalationsFor(target);
            var level = levels[state.LevelsFired];
            var before = ticket.Priority;
            var after = level.Actions.Contains(EscalationAction.RaisePriority) ? before.Raised() : before;
            var breached = level.AtPercent >= 100 && (state.LevelsFired == 0 || levels[state.LevelsFired - 1].AtPercent < 100);
            actions.Add(new EscalationFired(target, level, state.LevelsFired + 1, earliestAt, state.DueAt, before, after, breached));
            ticket = Refresh(ticket with
            {
                Priority = after,
                Sla = ticket.Sla.WithTarget(target, state with { LevelsFired = state.LevelsFired + 1 }),
            });
        }

        var (reminded, reminders) = PromiseDue.Reminders(ticket, now);
        actions.AddRange(reminders);
        if (reminded.Sla.AgentNotices.Any(n => n.At <= now))
        {
            actions.Add(new AgentNoticesDue(reminded.Sla.AgentNotices.Where(n => n.At <= now).ToList(), reminded.Sla.AgentNotices.Min(n => n.At)));
            reminded = reminded with { Sla = reminded.Sla with { AgentNotices = [.. reminded.Sla.AgentNotices.Where(n => n.At > now)] } };
        }

        return new SlaDecision(Refresh(reminded), actions);
    }

    private SlaDecision FollowUps(Ticket ticket, DateTimeOffset now, PaceSnapshot? pace)
    {
        var actions = new List<SlaAction>();
        var sla = ticket.Sla;
        switch (ticket.Status)
        {
            case TicketStatus.Open:
                // An apology for a broken promise is news to the customer: a status note due with it waits for the next period.
                (ticket, var broken) = PromiseDue.Breaks(ticket, Policy, pace, now);
                if (broken is not null)
                {
                    actions.Add(broken);
                    if (Policy.Promises.Apology)
                    {
                        ticket = ticket with { Sla = ticket.Sla with { StatusNoteDue = StatusNoteFrom(ticket, now) } };
                    }
                }

                if (ticket.Sla.StatusNoteDue is { } noteDue && noteDue <= now)
                {
                    // One note however many periods were missed; the next is measured from this one.
                    actions.Add(new StatusNoteDue(noteDue, CompletionEstimate.For(ticket, Policy, pace, now)));
                    ticket = ticket with { Sla = ticket.Sla with { StatusNoteDue = StatusNoteFrom(ticket, now) } };
                }

                break;

            case TicketStatus.PendingCustomer:
                var reminders = Policy.Pending.Reminders;
                while (sla.PendingReminderDue is { } reminderDue && reminderDue <= now && sla.PendingSince is { } since && actions.Count < MaxActionsPerDecision)
                {
                    var sent = sla.PendingRemindersSent + 1;
                    actions.Add(new PendingReminderDue(sent, reminderDue, sla.AutoCloseAt));
                    sla = sla with
                    {
                        PendingRemindersSent = sent,
                        PendingReminderDue = sent < reminders.Count ? InDaytime(ticket, reminders[sent].DueFrom(since)) : null,
                    };
                }

                ticket = ticket with { Sla = sla };
                if (sla.AutoCloseAt is { } closeAt && closeAt <= now)
                {
                    actions.Add(new AutoCloseDue(closeAt));
                    ticket = OnStatusChanged(ticket, TicketStatus.Closed, now);
                }

                break;

            case TicketStatus.Solved:
                if (!sla.CheckBackSent && sla.CheckBackAt is { } checkBackAt && checkBackAt <= now)
                {
                    actions.Add(new CheckBackDue(checkBackAt));
                    sla = sla with { CheckBackSent = true, CheckBackAt = null };
                    ticket = ticket with { Sla = sla };
                }

                if (sla.CloseAt is { } solvedCloseAt && solvedCloseAt <= now)
                {
                    actions.Add(new CloseAfterSolveDue(solvedCloseAt));
                    ticket = OnStatusChanged(ticket, TicketStatus.Closed, now);
                }

                break;

            default:
                break;
        }

        return new SlaDecision(Refresh(ticket), actions);
    }

    private DateTimeOffset? StatusNoteFrom(Ticket ticket, DateTimeOffset at) =>
        Policy.StatusNotes is { } notes ? InDaytime(ticket, notes.After.DueFrom(at)) : null;

    /// <summary>A customer note's instant moved into the customer's daytime window (policy <c>customerDaytime</c>).</summary>
    private DateTimeOffset InDaytime(Ticket ticket, DateTimeOffset at) => Policy.InCustomerDaytime(at, ticket.CustomerUtcOffset);

    private static TicketSla PauseAll(TicketSla sla, DateTimeOffset now) => sla with
    {
        FirstResponse = Pause(sla.FirstResponse, now),
        NextUpdate = Pause(sla.NextUpdate, now),
        Resolution = Pause(sla.Resolution, now),
    };

    private static SlaTargetState? Pause(SlaTargetState? state, DateTimeOffset now) =>
        state is null ? null : state with { Clock = state.Clock.Pause(now) };

    private TicketSla ResumeAll(TicketSla sla, Priority priority, DateTimeOffset now)
    {
        foreach (var kind in Enum.GetValues<TargetKind>())
        {
            if (sla.Target(kind) is { } state)
            {
                sla = sla.WithTarget(kind, state with { Clock = state.Clock.Resume(now, Policy.Target(priority, kind)) });
            }
        }

        return sla;
    }

    /// <summary>Leaving pending or solved: its timers no longer apply.</summary>
    private static TicketSla Reopened(TicketSla sla) => sla with
    {
        PendingSince = null,
        PendingRemindersSent = 0,
        PendingReminderDue = null,
        AutoCloseAt = null,
        CheckBackAt = null,
        CheckBackSent = false,
        CloseAt = null,
    };
}
