using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Simulator.Traffic;

/// <summary>
/// One customer's ticket as the simulation plays it, the same for every policy compared: when the first mail arrives,
/// its priority, and either the conversation for the agent model (<see cref="Rounds"/>) or the recorded one (<see cref="Replay"/>).
/// </summary>
internal sealed record TrafficTicket(
    int Index,
    DateTimeOffset ArrivalAt,
    Priority Priority,
    string Customer,
    string Subject,
    string Text,
    IReadOnlyList<TrafficRound> Rounds,
    IReadOnlyList<ReplayStep>? Replay = null);

/// <summary>
/// One agent reply in the agent model: how long the agent works on it, then whether the agent asks the customer something
/// (pending) and, if so, when the customer answers (null: never, so the pending reminders and auto-close run). The last
/// round solves the ticket.
/// </summary>
internal sealed record TrafficRound(TimeSpan AgentEffort, bool AskCustomer, TimeSpan? CustomerAnswersAfter);

/// <summary>A recorded step replayed at its offset from the ticket's arrival.</summary>
internal sealed record ReplayStep(TimeSpan Offset, ReplayKind Kind, TicketStatus? Status = null);

internal enum ReplayKind
{
    CustomerMail,
    AgentReply,
    AgentStatus,
}
