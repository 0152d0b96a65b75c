using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Agents;

/// <summary>
/// What an agent asks to change; null leaves a field as it is, an empty <see cref="Assignee"/> unassigns,
/// <see cref="Language"/> must be one the policy offers.
/// </summary>
internal sealed record TicketChange(TicketStatus? Status = null, Priority? Priority = null, string? Assignee = null, string? Language = null);
