using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>Message-ID → ticket: threading of replies and the first line of de-duplication (table MessageIds).</summary>
internal interface IMessageIndex
{
    Task<TicketId?> FindAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="messageId"/> belongs to <paramref name="proposed"/>, unless it is already recorded; returns the ticket it belongs to.</summary>
    Task<TicketId> ClaimAsync(string messageId, TicketId proposed, CancellationToken cancellationToken);

    /// <summary>Moves a claim to another ticket (only used when a freshly drawn ticket id turned out to be taken).</summary>
    Task ReassignAsync(string messageId, TicketId from, TicketId to, CancellationToken cancellationToken);
}
