using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>What processing a payload did: recorded on a ticket, set aside as an intake record, or failed to read.</summary>
internal sealed record IntakeOutcome(TicketId? Ticket, string? Failure)
{
    public static IntakeOutcome SetAside { get; } = new(null, null);

    public static IntakeOutcome Recorded(TicketId ticket) => new(ticket, null);

    public static IntakeOutcome Failed(string reason) => new(null, reason);
}
