using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>
/// What the simulation knows of one run, learnt only from what the pipeline does: every ticket commit (through
/// <see cref="ObservedTicketStore"/>) and every email handed to the provider (<see cref="SimulatedEmailSender"/>).
/// From the commits it decides each target episode the way the agents' API does for first responses: a target stopped
/// by an agent's reply (or, for resolution, by solving) is met when its clock's elapsed time is within the target. It
/// also keeps, per due-index shard and sweep, the due instants the latest commit of each ticket asked the store for,
/// so the sweeps can skip shards with nothing due (<see cref="FilteredDueIndex"/>). Promises to the customer count once,
/// when a commit settles them kept or broken (replaced ones not at all).
/// </summary>
internal sealed class SimulationLedger(SupportPolicy policy)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TicketId, Ticket> _tickets = [];
    private readonly Dictionary<TicketId, TicketOutcome> _byTicket = [];
    private readonly Dictionary<int, TicketOutcome> _byIndex = [];
    private readonly Dictionary<TicketId, HashSet<int>> _promisesCounted = [];
    private readonly Dictionary<(string Sweep, int Shard), Dictionary<TicketId, DateTimeOffset>> _due = [];

    public SupportPolicy Policy { get; } = policy;

    public IReadOnlyCollection<TicketOutcome> Outcomes
    {
        get
        {
            lock (_gate)
            {
                return [.. _byIndex.Values.OrderBy(o => o.Index)];
            }
        }
    }

    public void Expect(int index, Priority priority)
    {
        lock (_gate)
        {
            _byIndex[index] = new TicketOutcome(index, priority);
        }
    }

    public TicketOutcome? OutcomeOf(int index)
    {
        lock (_gate)
        {
            return _byIndex.GetValueOrDefault(index);
        }
    }

    public Ticket? Current(TicketId id)
    {
        lock (_gate)
        {
            return _tickets.GetValueOrDefault(id);
        }
    }

    public int CountOpen()
    {
        lock (_gate)
        {
            return _tickets.Values.Count(t => t.Status == TicketStatus.Open);
        }
    }

    public void Committed(TicketCommit commit, Ticket committed, DateTimeOffset now)
    {
        lock (_gate)
        {
            var id = committed.Id;
            _tickets.TryGetValue(id, out var before);
            if (before is null && SimulatedMail.IndexOf(commit.Messages.FirstOrDefault()?.MessageId) is { } index && _byIndex.TryGetValue(index, out var opened))
            {
                opened.Ticket = id;
                _byTicket[id] = opened;
            }

            if (_byTicket.TryGetValue(id, out var outcome))
            {
                if (before is not null)
                {
                    Judge(before, committed, now, outcome);
                }

                CountPromises(committed, outcome);
                outcome.Escalations += commit.Events.Count(e => e.Kind == TicketEventKinds.Escalated);
                outcome.StatusNotes += commit.Events.Count(e => e.Kind == TicketEventKinds.StatusNoteQueued);
            }

            _tickets[id] = committed;
            Schedule(committed);
        }
    }

    public void Sent(OutboundEmail email)
    {
        lock (_gate)
        {
            if (email.Tags.TryGetValue("ticket", out var text) && TicketId.TryParse(text, out var id)
                && _byTicket.TryGetValue(id, out var outcome) && _tickets.TryGetValue(id, out var ticket))
            {
                if (email.To.Any(t => string.Equals(t.Address, ticket.Customer.Address, StringComparison.OrdinalIgnoreCase)))
                {
                    outcome.CustomerMails++;
                }
            }
        }
    }

    /// <summary>Whether any ticket of <paramref name="shard"/> asked for a <paramref name="sweep"/> row due by <paramref name="upTo"/>.</summary>
    public bool HasDue(int shard, string sweep, DateTimeOffset upTo)
    {
        lock (_gate)
        {
            return _due.TryGetValue((sweep, shard), out var rows) && rows.Values.Any(at => at <= upTo);
        }
    }

    /// <summary>
    /// At the end: a target still running past its deadline is missed; one still within it stays undecided. Likewise an
    /// open promise whose date has passed is broken; one still ahead is left out.
    /// </summary>
    public void Finish(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var (id, ticket) in _tickets)
            {
                if (!_byTicket.TryGetValue(id, out var outcome) || ticket.Status == TicketStatus.Closed)
                {
                    continue;
                }

                // A closed ticket has none open: its end replaced them.
                foreach (var promise in ticket.Sla.Promises.Where(p => p.IsOpen && p.By < now))
                {
                    if (Counted(id).Add(promise.Id))
                    {
                        outcome.PromisesBroken++;
                    }
                }

                if (outcome.FirstResponse == Verdict.Undecided && ticket.Sla.FirstResponse is { } fr && Overdue(ticket, TargetKind.FirstResponse, fr, now))
                {
                    outcome.FirstResponse = Verdict.Missed;
                    outcome.Breaches.Add(fr.DueAt ?? now);
                }

                if (ticket.Sla.NextUpdate is { } nu && Overdue(ticket, TargetKind.NextUpdate, nu, now))
                {
                    outcome.NextUpdatesMissed++;
                    outcome.Breaches.Add(nu.DueAt ?? now);
                }

                if (ticket.Status != TicketStatus.Solved && ticket.Sla.Resolution is { } res && Overdue(ticket, TargetKind.Resolution, res, now))
                {
                    outcome.Resolution = Verdict.Missed;
                    outcome.Breaches.Add(res.DueAt ?? now);
                }
            }
        }
    }

    private void Judge(Ticket before, Ticket after, DateTimeOffset now, TicketOutcome outcome)
    {
        if (before.Sla.FirstResponse is { } fr && after.Sla.FirstResponse is null && before.FirstRespondedAt is null && after.FirstRespondedAt is not null)
        {
            outcome.FirstResponse = Decide(before, TargetKind.FirstResponse, fr, now, outcome);
        }

        if (before.Sla.NextUpdate is { } nu && after.Sla.NextUpdate is null && after.LastAgentUpdateAt == now && before.LastAgentUpdateAt != now)
        {
            if (Decide(before, TargetKind.NextUpdate, nu, now, outcome) == Verdict.Met)
            {
                outcome.NextUpdatesMet++;
            }
            else
            {
                outcome.NextUpdatesMissed++;
            }
        }

        if (before.Status != TicketStatus.Solved && after.Status == TicketStatus.Solved && before.Sla.Resolution is { } res)
        {
            // Reopened and solved again: the last solve decides.
            outcome.Resolution = Decide(before, TargetKind.Resolution, res, now, outcome);
        }
    }

    /// <summary>Each promise the commit shows kept or broken that no earlier commit did (a promise's id is its ticket's own).</summary>
    private void CountPromises(Ticket ticket, TicketOutcome outcome)
    {
        foreach (var promise in ticket.Sla.Promises.Where(p => p.State is PromiseState.Kept or PromiseState.Broken))
        {
            if (!Counted(ticket.Id).Add(promise.Id))
            {
                continue;
            }

            if (promise.State == PromiseState.Kept)
            {
                outcome.PromisesKept++;
            }
            else
            {
                outcome.PromisesBroken++;
            }
        }
    }

    private HashSet<int> Counted(TicketId id)
    {
        if (!_promisesCounted.TryGetValue(id, out var counted))
        {
            _promisesCounted[id] = counted = [];
        }

        return counted;
    }

    private Verdict Decide(Ticket ticket, TargetKind kind, SlaTargetState state, DateTimeOffset now, TicketOutcome outcome)
    {
        if (!Overdue(ticket, kind, state, now))
        {
            return Verdict.Met;
        }

        outcome.Breaches.Add(state.DueAt is { } due && due < now ? due : now);
        return Verdict.Missed;
    }

    /// <summary>The same test AgentActions applies to a first response: elapsed target time beyond the target's duration.</summary>
    private bool Overdue(Ticket ticket, TargetKind kind, SlaTargetState state, DateTimeOffset now)
    {
        var spec = Policy.Target(ticket.Priority, kind);
        return state.Clock.Elapsed(spec, now) > spec.Duration;
    }

    private void Schedule(Ticket ticket)
    {
        var shard = DueSchedule.Shard(ticket.Id);
        var entries = DueSchedule.For(ticket);
        foreach (var sweep in new[] { DueKinds.EscalationSweep, DueKinds.FollowUpSweep })
        {
            var key = (sweep, shard);
            if (!_due.TryGetValue(key, out var rows))
            {
                _due[key] = rows = [];
            }

            var earliest = entries.Where(e => e.Sweep == sweep).Select(e => (DateTimeOffset?)e.DueAt).Min();
            if (earliest is { } at)
            {
                rows[ticket.Id] = at;
            }
            else
            {
                rows.Remove(ticket.Id);
            }
        }
    }
}
