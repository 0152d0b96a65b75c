using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Sweeps;

/// <summary>
/// One email a due action sends: to whom, the email on its own, and its line in a digest. <see cref="Id"/> tells notices
/// of one ticket apart ("status-note", "esc-fr-2"), so a digest and a retried commit agree on which notice is which.
/// </summary>
internal sealed record SlaNotice(
    TicketId Ticket,
    string Id,
    string Kind,
    IReadOnlyList<Mailbox> To,
    bool ToCustomer,
    string Language,
    RenderedEmail Email,
    MailParagraph DigestLine)
{
    /// <summary>The agent's signed reply address for the ticket, when the notice goes to one agent who can reply by email.</summary>
    public Mailbox? ReplyTo { get; init; }

    /// <summary>Who receives it: notices with the same key in one sweep run go out as one digest.</summary>
    public string RecipientKey => (ToCustomer ? "customer:" : "staff:") + string.Join(",", To.Select(t => t.Address.ToUpperInvariant()).Order(StringComparer.Ordinal));
}
