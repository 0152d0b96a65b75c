namespace ServerlessSupport.Core.Agents;

/// <summary>How close a ticket is to breaking a promise (the worst of its running targets).</summary>
internal enum TicketRisk
{
    Ok,
    AtRisk,
    Breached,
}
