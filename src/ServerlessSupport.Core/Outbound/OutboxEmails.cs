using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Outbound;

/// <summary>
/// Builds the outbox row for every email a ticket sends, so they all look alike: From the support address, our own
/// Message-ID (carrying the ticket id), and for the customer the threading headers to their last message and a
/// plus-address Reply-To that threads even when the subject token is lost.
/// </summary>
internal static class OutboxEmails
{
    /// <param name="autoSubmitted"><c>auto-replied</c> / <c>auto-generated</c> for automatic mail; null when a person wrote it.</param>
    public static OutboxItem ToCustomer(SupportIdentity support, Ticket ticket, int sequence, string kind, RenderedEmail rendered, string? autoSubmitted, DateTimeOffset now) =>
        Create(support, ticket, sequence, kind, [ticket.Customer], rendered, autoSubmitted, threaded: true, now);

    /// <summary>Internal notices (reminders, escalations) to the policy's recipients: no threading with the customer's mail.</summary>
    public static OutboxItem ToStaff(SupportIdentity support, Ticket ticket, int sequence, string kind, IReadOnlyList<Mailbox> to, RenderedEmail rendered, DateTimeOffset now) =>
        Create(support, ticket, sequence, kind, to, rendered, "auto-generated", threaded: false, now);

    private static OutboxItem Create(SupportIdentity support, Ticket ticket, int sequence, string kind, IReadOnlyList<Mailbox> to, RenderedEmail rendered, string? autoSubmitted, bool threaded, DateTimeOffset now) => new()
    {
        TicketId = ticket.Id,
        Sequence = sequence,
        Kind = kind,
        State = OutboxState.Pending,
        CreatedAt = now,
        Email = new OutboundEmail(
            new Mailbox(support.Address, support.TeamName),
            to,
            rendered.Subject,
            rendered.Text,
            rendered.Html,
            OutboundMessageIds.Create(ticket.Id, sequence, support.Domain),
            threaded && ticket.LastCustomerMessageId is { } last ? MessageIds.Format(last) : null,
            threaded ? [.. ticket.References.Select(MessageIds.Format)] : [],
            autoSubmitted,
            threaded ? new Mailbox(TicketToken.PlusAddress(ticket.Id, support.Address), support.TeamName) : null)
        {
            Tags = new Dictionary<string, string> { ["ticket"] = ticket.Id.ToString(), ["outbox"] = OutboxItem.OutboxKey(sequence), ["kind"] = kind },
        },
    };
}
