namespace ServerlessSupport.Core.Tickets;

/// <summary>An audit event, stored as row <c>evt-{Sequence:D6}</c>: what happened, when, and who (agent or "system").</summary>
internal sealed record TicketEvent(int Sequence, string Kind, DateTimeOffset At, string Actor, string Detail);
