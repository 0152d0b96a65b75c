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
    /// <summary>Internal mail (escalations, digests to staff) is written in English.</summary>
    public const string StaffLanguage = "en";

    /// <param name="autoSubmitted"><c>auto-replied</c> / <c>auto-generated</c> for automatic mail; null when a person wrote it.</param>
    /// <param name="cc">Copied recipients (the ticket's participants on a public reply).</param>
    public static OutboxItem ToCustomer(SupportIdentity support, Ticket ticket, int sequence, string kind, RenderedEmail rendered, string? autoSubmitted, DateTimeOffset now, IReadOnlyList<Mailbox>? cc = null) =>
        Create(support, ticket, sequence, kind, [ticket.Customer], rendered, autoSubmitted, threaded: true, now, ticket.Language, cc ?? []);

    /// <summary>Internal notices (reminders, escalations) to the policy's recipients: no threading with the customer's mail.</summary>
    public static OutboxItem ToStaff(SupportIdentity support, Ticket ticket, int sequence, string kind, IReadOnlyList<Mailbox> to, RenderedEmail rendered, DateTimeOffset now) =>
        Create(support, ticket, sequence, kind, to, rendered, "auto-generated", threaded: false, now, StaffLanguage, []);

    /// <summary>
    /// A digest in its anchor ticket's outbox: to the recipient(s) of its notices, not threaded to any one ticket (its
    /// Message-ID is of the digest form), no Reply-To but the support address; tag <c>tickets</c> lists every ticket in it,
    /// tag <c>digest</c> numbers it within its sweep run.
    /// </summary>
    public static OutboxItem Digest(SupportIdentity support, TicketId anchor, int sequence, int number, IReadOnlyList<Mailbox> to, string language, RenderedEmail rendered, IEnumerable<TicketId> tickets, DateTimeOffset now) => new()
    {
        TicketId = anchor,
        Sequence = sequence,
        Kind = DigestKind,
        State = OutboxState.Pending,
        CreatedAt = now,
        Email = new OutboundEmail(
            new Mailbox(support.Address, support.TeamName),
            to,
            rendered.Subject,
            rendered.Text,
            rendered.Html,
            OutboundMessageIds.CreateDigest(anchor, sequence, support.Domain),
            null,
            [],
            "auto-generated")
        {
            Language = language,
            Tags = new Dictionary<string, string>
            {
                ["ticket"] = anchor.ToString(),
                ["outbox"] = OutboxItem.OutboxKey(sequence),
                ["kind"] = DigestKind,
                ["tickets"] = string.Join(",", tickets.Distinct()),
                ["digest"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        },
    };

    public const string DigestKind = "digest";

    private static OutboxItem Create(SupportIdentity support, Ticket ticket, int sequence, string kind, IReadOnlyList<Mailbox> to, RenderedEmail rendered, string? autoSubmitted, bool threaded, DateTimeOffset now, string language, IReadOnlyList<Mailbox> cc) => new()
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
            Cc = [.. cc.Where(c => !to.Any(t => Inbound.EmailAddress.SameAddress(t.Address, c.Address)))],
            Language = language,
            Tags = new Dictionary<string, string> { ["ticket"] = ticket.Id.ToString(), ["outbox"] = OutboxItem.OutboxKey(sequence), ["kind"] = kind },
        },
    };
}
