using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Simulator.Engine;

namespace ServerlessSupport.Simulator.Tests;

/// <summary>
/// One traffic ticket's commits, fed to a <see cref="SimulationLedger"/> by hand: the first carries the customer's message
/// that names the traffic ticket (as intake's would), each commits the ticket row with the promises as they stand then.
/// </summary>
internal sealed class CommittedTicketBuilder(int index, string id, Priority priority)
{
    private readonly List<TicketPromise> _promises = [];
    private DateTimeOffset? _openedAt;

    /// <summary>A promise made at <paramref name="at"/>, open; its id is the next of the ticket's.</summary>
    public CommittedTicketBuilder Promise(PromiseKind kind, DateTimeOffset by, DateTimeOffset at)
    {
        _promises.Add(new TicketPromise { Id = _promises.Count + 1, Kind = kind, By = by, MadeBy = PromiseBook.System, MadeAt = at });
        return this;
    }

    public CommittedTicketBuilder Settle(int promise, PromiseState state, DateTimeOffset at)
    {
        var i = _promises.FindIndex(p => p.Id == promise);
        _promises[i] = _promises[i] with { State = state, SettledAt = at };
        return this;
    }

    /// <summary>The ticket as it stands, committed at <paramref name="at"/> and reported to <paramref name="ledger"/>.</summary>
    public CommittedTicketBuilder CommitTo(SimulationLedger ledger, DateTimeOffset at)
    {
        var ticket = new Ticket
        {
            Id = TicketId.Parse(id),
            Status = TicketStatus.Open,
            Priority = priority,
            Customer = new Mailbox($"customer{index}@customer.sim"),
            Subject = $"Question {index}",
            CreatedAt = _openedAt ?? at,
            UpdatedAt = at,
            Sla = TicketSla.None with { Promises = [.. _promises] },
        };
        var commit = new TicketCommit(ticket);
        if (_openedAt is null)
        {
            commit = commit with
            {
                Messages =
                [
                    new TicketMessage
                    {
                        Sequence = 1,
                        Direction = MessageDirection.Inbound,
                        At = at,
                        Author = ticket.Customer.Address,
                        Subject = ticket.Subject,
                        DisplayText = "Help",
                        FullText = "Help",
                        MessageId = SimulatedMail.MessageId(index, 0),
                    },
                ],
            };
            _openedAt = at;
        }

        ledger.Committed(commit, ticket, at);
        return this;
    }
}
