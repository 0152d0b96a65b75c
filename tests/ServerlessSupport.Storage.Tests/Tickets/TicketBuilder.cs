using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Storage.Tests.Tickets;

/// <summary>Test data for the ticket store: a new ticket with one message, its event and one pending outbox row.</summary>
internal sealed class TicketBuilder
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private string _text = "My printer is on fire.";

    public TicketBuilder WithText(string text)
    {
        _text = text;
        return this;
    }

    public TicketCommit BuildNewCommit(string marker = "m1")
    {
        var id = TicketId.New();
        var ticket = new Ticket
        {
            Id = id,
            Status = TicketStatus.Open,
            Priority = Priority.High,
            Customer = new Mailbox("jane@example.com", "Jane Doe"),
            Subject = "Printer",
            CreatedAt = At,
            UpdatedAt = At,
            MessageCount = 1,
            EventCount = 1,
            OutboxCount = 1,
            References = ["<a@x>", "<b@x>"],
            OriginMessageId = "<a@x>",
        };
        var message = new TicketMessage
        {
            Sequence = 1,
            Direction = MessageDirection.Inbound,
            At = At,
            Author = "jane@example.com",
            Subject = "Printer",
            DisplayText = _text,
            FullText = _text,
            MessageId = "<a@x>",
            Attachments = [new StoredAttachment("log.txt", "text/plain", 12, $"{id}/m/01-log.txt", null)],
        };
        var outbox = new OutboxItem
        {
            TicketId = id,
            Sequence = 1,
            Kind = "ack",
            State = OutboxState.Pending,
            CreatedAt = At,
            Email = new OutboundEmail(new Mailbox("support@example.com"), [new Mailbox("jane@example.com", "Jane")], $"[#{id}] Printer", "text", "<p>html</p>", "<T.1@example.com>", "<a@x>", ["<a@x>"], "auto-replied"),
        };
        return new TicketCommit(ticket)
        {
            Messages = [message],
            Events = [new TicketEvent(1, TicketEventKinds.Created, At, "system", "opened by email")],
            Outbox = [outbox],
            Markers = [marker],
        };
    }
}
