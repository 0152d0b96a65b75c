using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Inbound;
using ServerlessSupport.Functions.Outbound;
using ServerlessSupport.Simulator.Traffic;
using ServerlessSupport.Storage;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>
/// One policy's run of the traffic (docs/architecture.md, "What-if simulator"). The clock moves a simulated minute at a
/// time: at each whole minute both sweeps run, as their timers would; then the minute's events (a customer's email, an
/// agent finishing a reply) run, each ticket's in order and different tickets' side by side, each at its own instant
/// (<see cref="SimulatedClock.At"/>). An email is posted to the webhook's handler, then queue <c>inbound</c> is drained
/// through the ProcessInbound function and queue <c>outbound</c> through DispatchEmail. Free agents take the waiting
/// ticket with the nearest deadline during their hours.
/// </summary>
internal sealed class PolicyRun(SimulationWorld world, IReadOnlyList<TrafficTicket> traffic, AgentModel? agents)
{
    private const string Agent = "agent@desk.sim";

    private readonly Lock _gate = new();
    private readonly PriorityQueue<Event, (DateTimeOffset At, long Seq)> _events = new();
    private readonly List<Work> _waiting = [];
    private readonly bool[] _busy = new bool[agents?.Agents ?? 0];
    private long _seq;

    private SlaSweepHandler Sweeps => world.Get<SlaSweepHandler>();

    /// <summary>Backlog (open tickets, waiting on us) at each simulated hour.</summary>
    public List<(DateTimeOffset At, int Open)> Backlog { get; } = [];

    public async Task RunAsync(DateTimeOffset end, CancellationToken cancellationToken)
    {
        foreach (var ticket in traffic)
        {
            world.Ledger.Expect(ticket.Index, ticket.Priority);
            At(ticket, ticket.ArrivalAt, () => ArriveAsync(ticket, cancellationToken));
        }

        for (var minute = world.Time.GetUtcNow(); minute <= end; minute = minute.AddMinutes(1))
        {
            world.Time.SetUtcNow(minute);
            await TickAsync(minute, cancellationToken);
            await RunMinuteAsync(minute.AddMinutes(1), cancellationToken);
        }

        world.Ledger.Finish(world.Time.GetUtcNow());
    }

    /// <summary>Every event before <paramref name="next"/>, including those the minute's events schedule within it.</summary>
    private async Task RunMinuteAsync(DateTimeOffset next, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<(DateTimeOffset At, Event Event)> due = [];
            lock (_gate)
            {
                while (_events.TryPeek(out _, out var key) && key.At < next)
                {
                    due.Add((key.At, _events.Dequeue()));
                }
            }

            if (due.Count == 0)
            {
                return;
            }

            await Task.WhenAll(due.GroupBy(e => e.Event.Ticket).Select(async group =>
            {
                foreach (var (at, e) in group)
                {
                    using (world.Time.At(at))
                    {
                        await e.Action();
                        await AssignAsync(cancellationToken);
                    }
                }
            }));
        }
    }

    private async Task TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await Sweeps.RunAsync(DueKinds.EscalationSweep, cancellationToken);
        await Sweeps.RunAsync(DueKinds.FollowUpSweep, cancellationToken);
        await DrainAsync(cancellationToken);
        if (now.Minute == 0)
        {
            Backlog.Add((now, world.Ledger.CountOpen()));
        }

        await AssignAsync(cancellationToken);
    }

    private async Task ArriveAsync(TrafficTicket ticket, CancellationToken cancellationToken)
    {
        await PostAsync(ticket, ticket.Subject, 0, cancellationToken);
        var id = world.Ledger.OutcomeOf(ticket.Index)?.Ticket ?? throw new InvalidOperationException($"Traffic ticket {ticket.Index} opened no ticket.");

        // Triage: the traffic says how urgent the ticket is; an agent sets it when the policy's rules did not.
        await AgentCommitAsync(id, (t, now) => t.Priority == ticket.Priority ? null : world.Get<AgentActions>().Change(t, Agent, new TicketChange(null, ticket.Priority, null), now), cancellationToken);

        if (ticket.Replay is { } steps)
        {
            foreach (var step in steps)
            {
                At(ticket, ticket.ArrivalAt + step.Offset, () => ReplayAsync(ticket, id, step, cancellationToken));
            }
        }
        else
        {
            lock (_gate)
            {
                _waiting.Add(new Work(ticket, id, 0));
            }
        }
    }

    private async Task ReplayAsync(TrafficTicket ticket, TicketId id, ReplayStep step, CancellationToken cancellationToken)
    {
        switch (step.Kind)
        {
            case ReplayKind.CustomerMail:
                await PostAsync(ticket, $"Re: [#{id}] {ticket.Subject}", (int)step.Offset.TotalSeconds, cancellationToken);
                break;
            case ReplayKind.AgentReply:
                await ReplyAsync(id, cancellationToken);
                break;
            case ReplayKind.AgentStatus:
                await AgentCommitAsync(id, (t, now) => world.Get<AgentActions>().Change(t, Agent, new TicketChange(step.Status, null, null), now), cancellationToken);
                break;
        }
    }

    /// <summary>Free agents take the waiting work with the nearest deadline (the dashboard's order), while their desk is open.</summary>
    private Task AssignAsync(CancellationToken cancellationToken)
    {
        var now = world.Time.GetUtcNow();
        if (agents is null || !agents.Hours.IsOpen(now))
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            // Earliest next deadline first: ordered once, when the first free agent is found, for all of this round's.
            Queue<Work>? next = null;
            for (var a = 0; a < _busy.Length && _waiting.Count > 0; a++)
            {
                if (_busy[a])
                {
                    continue;
                }

                next ??= new(_waiting.OrderBy(w => (world.Ledger.Current(w.Id) is { } t ? TicketDeadlines.Next(t)?.DueAt : null) ?? DateTimeOffset.MaxValue));
                var work = next.Dequeue();
                _waiting.Remove(work);
                var agent = a;
                _busy[agent] = true;
                At(work.Ticket, agents.Hours.Add(now, work.Ticket.Rounds[work.Round].AgentEffort), () => FinishAsync(agent, work, cancellationToken));
            }
        }

        return Task.CompletedTask;
    }

    private async Task FinishAsync(int agent, Work work, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _busy[agent] = false;
        }

        var round = work.Ticket.Rounds[work.Round];
        await ReplyAsync(work.Id, cancellationToken);
        var status = round.AskCustomer ? TicketStatus.PendingCustomer : TicketStatus.Solved;
        await AgentCommitAsync(work.Id, (t, now) => world.Get<AgentActions>().Change(t, Agent, new TicketChange(status, null, null), now), cancellationToken);
        if (round.AskCustomer && round.CustomerAnswersAfter is { } delay)
        {
            At(work.Ticket, world.Time.GetUtcNow() + delay, async () =>
            {
                await PostAsync(work.Ticket, $"Re: [#{work.Id}] {work.Ticket.Subject}", work.Round + 1, cancellationToken);
                lock (_gate)
                {
                    _waiting.Add(work with { Round = work.Round + 1 });
                }
            });
        }
    }

    private Task ReplyAsync(TicketId id, CancellationToken cancellationToken) =>
        AgentCommitAsync(id, (t, now) => world.Get<AgentActions>().Reply(t, Agent, "Thanks for writing; here is what we found.", isPublic: true, now), cancellationToken);

    /// <summary>What the agents' API does for a change (AgentActions, then the committer), on the ticket as last committed.</summary>
    private async Task AgentCommitAsync(TicketId id, Func<Ticket, DateTimeOffset, TicketCommit?> compose, CancellationToken cancellationToken)
    {
        var ticket = world.Ledger.Current(id) ?? await world.Get<ITicketStore>().GetAsync(id, cancellationToken);
        for (var attempt = 0; ticket is not null && attempt < 5; attempt++)
        {
            var commit = compose(ticket, world.Time.GetUtcNow());
            if (commit is null)
            {
                return;
            }

            try
            {
                // No crash to survive here, and Azurite would show a delayed safety-net message in real time, not simulated.
                await world.Get<TicketCommitter>().CommitAsync(commit, OutboxSafety.Redelivery, cancellationToken);
                await DrainAsync(cancellationToken);
                return;
            }
            catch (TicketConflictException)
            {
                ticket = await world.Get<ITicketStore>().GetAsync(id, cancellationToken);
            }
        }

        throw new InvalidOperationException($"Ticket {id}: the simulated agent's change did not commit.");
    }

    private async Task PostAsync(TrafficTicket ticket, string subject, int mail, CancellationToken cancellationToken)
    {
        var body = SimulatedMail.Json(ticket.Customer, SimulationWorld.SupportAddress, subject, ticket.Text, SimulatedMail.MessageId(ticket.Index, mail));
        await world.Get<AcceptInboundHandler>().AcceptAsync(InboundQueueMessage.JsonFormat, "application/json", body, cancellationToken);
        await DrainAsync(cancellationToken);
    }

    /// <summary>Takes every message the pipeline queued off Azurite and runs its function, inbound first, until both are empty.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var clients = world.Get<StorageClients>();
        while (world.Queues.Inbound > 0 || world.Queues.Outbound > 0)
        {
            if (world.Queues.Inbound > 0)
            {
                await DrainOneAsync(clients.Queue(QueueNames.Inbound), QueueNames.Inbound, (sp, m, ct) => ActivatorUtilities.CreateInstance<ProcessInboundFunction>(sp).RunAsync(m, ct), cancellationToken);
            }
            else
            {
                await DrainOneAsync(clients.Queue(QueueNames.Outbound), QueueNames.Outbound, (sp, m, ct) => ActivatorUtilities.CreateInstance<DispatchEmailFunction>(sp).RunAsync(m, ct), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Runs a batch off <paramref name="queue"/>. Side-by-side events drain the same queues, so an empty receive can mean
    /// another flow holds the messages: the counters, not the receive, say when the queue is done.
    /// </summary>
    private async Task DrainOneAsync(QueueClient queue, string name, Func<IServiceProvider, Azure.Storage.Queues.Models.QueueMessage, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        for (var empty = 0; empty < 2000; empty++)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken)).Value;
            if (batch.Length == 0)
            {
                if (world.Queues.Waiting(name) <= 0)
                {
                    return;
                }

                await Task.Delay(5, cancellationToken);
                continue;
            }

            foreach (var message in batch)
            {
                using (var scope = world.Services.CreateScope())
                {
                    await run(scope.ServiceProvider, message, cancellationToken);
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                world.Queues.Taken(name);
            }

            return;
        }

        throw new InvalidOperationException($"Queue {name} should hold {world.Queues.Waiting(name)} message(s) but none arrived in 10 s.");
    }

    private void At(TrafficTicket ticket, DateTimeOffset at, Func<Task> action)
    {
        lock (_gate)
        {
            _events.Enqueue(new Event(ticket.Index, action), (at, _seq++));
        }
    }

    private sealed record Event(int Ticket, Func<Task> Action);

    private sealed record Work(TrafficTicket Ticket, TicketId Id, int Round);
}
