using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Intake;

/// <summary>The ticket a mail belongs to, and how it was found (only its conversation's Message-IDs vouch for a sender).</summary>
internal sealed record ThreadHit(Ticket Ticket, ThreadMatch Match);

/// <summary>
/// Threading in the documented order (docs/architecture.md, "Intake"): In-Reply-To/References (our own Message-IDs
/// carry the ticket id; others are looked up in the Message-ID index), then the subject token, then plus-addressing.
/// </summary>
internal sealed class ThreadResolver(IMessageIndex index, ITicketStore tickets, SupportIdentity support)
{
    public async Task<ThreadHit?> FindAsync(InboundEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        foreach (var id in email.ThreadIds())
        {
            var ours = OutboundMessageIds.TryGetTicket(id, support.Domain, out var own);
            TicketId? candidate = ours ? own : await index.FindAsync(id, cancellationToken);
            if (candidate is { } ticketId && await tickets.GetAsync(ticketId, cancellationToken) is { } ticket)
            {
                var vouched = ours || ticket.References.Contains(id, MessageIds.Comparer) || MessageIds.Comparer.Equals(ticket.OriginMessageId, id);
                return new ThreadHit(ticket, vouched ? ThreadMatch.Conversation : ThreadMatch.RecordedMessageId);
            }
        }

        if (TicketToken.FindInSubject(email.Subject) is { } fromSubject && await tickets.GetAsync(fromSubject, cancellationToken) is { } bySubject)
        {
            return new ThreadHit(bySubject, ThreadMatch.SubjectToken);
        }

        foreach (var address in email.To.Concat(email.Cc).Select(a => a.Address).Concat(email.EnvelopeTo))
        {
            if (TicketToken.FromPlusAddress(address, support.Address) is { } plus && await tickets.GetAsync(plus, cancellationToken) is { } byAddress)
            {
                return new ThreadHit(byAddress, ThreadMatch.PlusAddress);
            }
        }

        return null;
    }
}
