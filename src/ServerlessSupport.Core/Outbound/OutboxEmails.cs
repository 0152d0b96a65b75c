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

    public const string AckKind = "ack";

    public const string DigestKind = "digest";

    /// <param name="autoSubmitted"><c>auto-replied</c> / <c>auto-generated</c> for automatic mail; null when a person wrote it.</param>
    /// <param name="cc">Copied recipients (the ticket's participants on a public reply).</param>
    public static OutboxItem ToCustomer(SupportIdentity support, Ticket ticket, int sequence, string kind, RenderedEmail rendered, string? autoSubmitted, DateTimeOffset now, IReadOnlyList<Mailbox>? cc = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var email = Email(support, [ticket.Customer], rendered, OutboundMessageIds.Create(ticket.Id, sequence, support.Domain), autoSubmitted, ticket.Language) with
        {
            InReplyTo = ticket.LastCustomerMessageId is { } last ? MessageIds.Format(last) : null,
            References = [.. ticket.References.Select(MessageIds.Format)],
            ReplyTo = new Mailbox(TicketToken.PlusAddress(ticket.Id, support.Address), support.TeamName),
            Cc = [.. (cc ?? []).Where(c => !EmailAddress.SameAddress(ticket.Customer.Address, c.Address))],
        };
        return Item(ticket.Id, sequence, kind, email, now);
    }

    /// <summary>
    /// Internal notices (reminders, escalations, notifications) to staff: no threading with the customer's mail;
    /// <paramref name="replyTo"/> is the agent's own signed reply address when it goes to one agent.
    /// </summary>
    public static OutboxItem ToStaff(SupportIdentity support, Ticket ticket, int sequence, string kind, IReadOnlyList<Mailbox> to, RenderedEmail rendered, DateTimeOffset now, Mailbox? replyTo = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Item(ticket.Id, sequence, kind, Email(support, to, rendered, OutboundMessageIds.Create(ticket.Id, sequence, support.Domain), "auto-generated", StaffLanguage) with { ReplyTo = replyTo }, now);
    }

    /// <summary>
    /// A digest in its anchor ticket's outbox: to the recipient(s) of its notices, not threaded to any one ticket (its
    /// Message-ID is of the digest form), no Reply-To but the support address; tag <c>tickets</c> lists every ticket in it,
    /// tag <c>digest</c> numbers it within its sweep run.
    /// </summary>
    public static OutboxItem Digest(SupportIdentity support, TicketId anchor, int sequence, int number, IReadOnlyList<Mailbox> to, string language, RenderedEmail rendered, IEnumerable<TicketId> tickets, DateTimeOffset now) =>
        Item(anchor, sequence, DigestKind, Email(support, to, rendered, OutboundMessageIds.CreateDigest(anchor, sequence, support.Domain), "auto-generated", language), now, new Dictionary<string, string>
        {
            ["tickets"] = string.Join(",", tickets.Distinct()),
            ["digest"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static OutboundEmail Email(SupportIdentity support, IReadOnlyList<Mailbox> to, RenderedEmail rendered, string messageId, string? autoSubmitted, string language) =>
        new(new Mailbox(support.Address, support.TeamName), to, rendered.Subject, rendered.Text, rendered.Html, messageId, null, [], autoSubmitted) { Language = language };

    private static OutboxItem Item(TicketId ticket, int sequence, string kind, OutboundEmail email, DateTimeOffset now, Dictionary<string, string>? tags = null) => new()
    {
        TicketId = ticket,
        Sequence = sequence,
        Kind = kind,
        State = OutboxState.Pending,
        CreatedAt = now,
        Email = email with
        {
            Tags = new Dictionary<string, string>(tags ?? []) { ["ticket"] = ticket.ToString(), ["outbox"] = OutboxItem.OutboxKey(sequence), ["kind"] = kind },
        },
    };
}
