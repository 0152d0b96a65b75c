using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Tickets;

public sealed class TicketCommitBuilderTests
{
    private static readonly DateTimeOffset Read = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Read.AddMinutes(5);
    private static readonly TicketId Id = TicketId.Parse("K7M2QX9P");

    private static Ticket Ticket(int events = 0, int messages = 0, int outbox = 0) => new()
    {
        Id = Id,
        Status = TicketStatus.Open,
        Priority = Priority.Normal,
        Customer = new Mailbox("jane@example.com"),
        Subject = "Printer",
        CreatedAt = Read,
        UpdatedAt = Read,
        EventCount = events,
        MessageCount = messages,
        OutboxCount = outbox,
        Version = events + messages + outbox == 0 ? null : "v1",
    };

    private static TicketMessage Draft(string text) => new()
    {
        Sequence = 0,
        Direction = MessageDirection.Note,
        At = Now,
        Author = "alice",
        Subject = "Printer",
        DisplayText = text,
        FullText = text,
    };

    private static OutboxItem Row(int sequence, string? version = null) => new()
    {
        TicketId = Id,
        Sequence = sequence,
        Kind = "reply",
        Email = new OutboundEmail(new Mailbox("support@example.test"), [new Mailbox("jane@example.com")], "s", "t", null, $"<o{sequence}@example.test>", null, [], null),
        State = OutboxState.Pending,
        CreatedAt = Now,
        Version = version,
    };

    [Fact]
    public void Build_ExistingTicket_NumbersAfterItsCountsAndMovesThemAlong()
    {
        var change = new TicketCommitBuilder(Ticket(events: 4, messages: 2, outbox: 3), Now);

        change.Event("a", "system", "first").Event("b", "system", "second");
        var message = change.Message(Draft("note"));
        var email = change.Email(sequence => Row(sequence));
        change.Update(Row(1, version: "r1"));
        var commit = change.Build();

        Assert.Equal([5, 6], commit.Events.Select(e => e.Sequence));
        Assert.Equal(3, message.Sequence);
        Assert.Equal(4, email.Sequence);
        Assert.Equal([4, 1], commit.Outbox.Select(o => o.Sequence));
        Assert.Equal((6, 3, 4, Now), (commit.Ticket.EventCount, commit.Ticket.MessageCount, commit.Ticket.OutboxCount, commit.Ticket.UpdatedAt));
        Assert.Equal("v1", commit.Ticket.Version);
    }

    [Fact]
    public void Build_NewTicket_NumbersFromOne()
    {
        var change = new TicketCommitBuilder(Ticket(), Now);

        change.Message(Draft("hello"));
        change.Email(sequence => Row(sequence));
        change.Event("created", "system", "Opened").Marker("mid-abc");
        var commit = change.Build();

        Assert.Equal(1, Assert.Single(commit.Messages).Sequence);
        Assert.Equal(1, Assert.Single(commit.Outbox).Sequence);
        Assert.Equal(1, Assert.Single(commit.Events).Sequence);
        Assert.Equal(["mid-abc"], commit.Markers);
        Assert.Equal((1, 1, 1), (commit.Ticket.EventCount, commit.Ticket.MessageCount, commit.Ticket.OutboxCount));
    }

    [Fact]
    public void Email_RowMadeForAnotherSequenceOrAlreadyStored_Throws()
    {
        var change = new TicketCommitBuilder(Ticket(outbox: 2), Now);

        Assert.Throws<InvalidOperationException>(() => change.Email(_ => Row(7)));
        Assert.Throws<InvalidOperationException>(() => change.Email(sequence => Row(sequence, version: "v")));
        Assert.Throws<InvalidOperationException>(() => change.Update(Row(1)));
        Assert.Equal(3, change.NextOutboxSequence);
    }
}
