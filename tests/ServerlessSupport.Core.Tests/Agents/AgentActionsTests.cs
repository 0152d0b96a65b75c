using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tests.Sla;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Agents;

public sealed class AgentActionsTests
{
    // Monday 5 January 2026, 10:00 London (= UTC): inside business hours.
    private static readonly DateTimeOffset Opened = SlaTicketBuilder.Utc(2026, 1, 5, 10);

    private readonly SlaPlanner _planner = new(SlaTicketBuilder.ShippedPolicy);
    private readonly AgentActions _actions;

    public AgentActionsTests() => _actions = new AgentActions(_planner, new SupportIdentity("support@example.test", "Example Support"));

    private Ticket Ticket() => new SlaTicketBuilder().Created(_planner, Opened) with { Version = "W/\"v1\"" };

    [Fact]
    public void Reply_Public_BuildsThreadedHumanEmailAndStopsFirstResponse()
    {
        var ticket = Ticket();

        var commit = _actions.Reply(ticket, "alice", "Unplug it.", isPublic: true, Opened.AddHours(1));

        var outbox = Assert.Single(commit.Outbox);
        Assert.Equal(ticket.OutboxCount + 1, outbox.Sequence);
        Assert.Equal("reply", outbox.Kind);
        Assert.Null(outbox.Email.AutoSubmitted);
        Assert.Equal("[#K7M2QX9P] Re: Printer on fire", outbox.Email.Subject);
        Assert.Equal("<m1@example.com>", outbox.Email.InReplyTo);
        Assert.Equal(["<m1@example.com>"], outbox.Email.References);
        Assert.Equal("support@example.test", outbox.Email.From.Address);
        Assert.Equal("support+K7M2QX9P@example.test", outbox.Email.ReplyTo!.Address);
        Assert.Contains("Unplug it.", outbox.Email.Text, StringComparison.Ordinal);
        Assert.Contains("alice", outbox.Email.Text, StringComparison.Ordinal);

        var message = Assert.Single(commit.Messages);
        Assert.Equal(MessageDirection.Outbound, message.Direction);
        Assert.Equal(ticket.MessageCount + 1, message.Sequence);
        Assert.Equal(outbox.Email.MessageId, message.MessageId);
        Assert.All(commit.Events, e => Assert.Equal("alice", e.Actor));
        Assert.Equal([TicketEventKinds.AgentReplied, AgentEventKinds.FirstResponse], commit.Events.Select(e => e.Kind));
        Assert.StartsWith("met", commit.Events[1].Detail, StringComparison.Ordinal);
        Assert.Equal(ticket.EventCount + 2, commit.Ticket.EventCount);
        Assert.Equal("W/\"v1\"", commit.Ticket.Version);
        Assert.Null(commit.Ticket.Sla.FirstResponse);
        Assert.Equal(Opened.AddHours(1), commit.Ticket.FirstRespondedAt);
    }

    [Fact]
    public void Reply_PublicAfterDeadline_RecordsFirstResponseMissed()
    {
        var commit = _actions.Reply(Ticket(), "alice", "Sorry for the wait.", isPublic: true, Opened.AddDays(3));

        Assert.StartsWith("missed", commit.Events.Single(e => e.Kind == AgentEventKinds.FirstResponse).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_SecondPublicReply_NoFirstResponseEvent()
    {
        var first = _actions.Reply(Ticket(), "alice", "One.", isPublic: true, Opened.AddHours(1));

        var second = _actions.Reply(first.Ticket, "bob", "Two.", isPublic: true, Opened.AddHours(2));

        Assert.Equal([TicketEventKinds.AgentReplied], second.Events.Select(e => e.Kind));
        Assert.Equal(first.Ticket.OutboxCount + 1, second.Outbox.Single().Sequence);
    }

    [Fact]
    public void Reply_InternalNote_NoOutboxAndClocksUnchanged()
    {
        var ticket = Ticket();

        var commit = _actions.Reply(ticket, "alice", "VIP customer.", isPublic: false, Opened.AddHours(1));

        Assert.Empty(commit.Outbox);
        Assert.Equal(MessageDirection.Note, Assert.Single(commit.Messages).Direction);
        Assert.Equal(AgentEventKinds.NoteAdded, Assert.Single(commit.Events).Kind);
        Assert.Equal(ticket.Sla, commit.Ticket.Sla);
        Assert.Equal(ticket.OutboxCount, commit.Ticket.OutboxCount);
        Assert.Null(commit.Ticket.FirstRespondedAt);
    }

    [Fact]
    public void Reply_TextTooLong_Throws()
    {
        Assert.Throws<ArgumentException>(() => _actions.Reply(Ticket(), "alice", new string('x', AgentActions.MaxTextLength + 1), isPublic: true, Opened));
    }

    [Fact]
    public void Change_StatusPriorityAssignee_OneCommitWithAnEventEach()
    {
        var ticket = Ticket();

        var commit = _actions.Change(ticket, "alice", new TicketChange(TicketStatus.PendingCustomer, Priority.High, "bob"), Opened.AddHours(1))!;

        Assert.Equal(
            [TicketEventKinds.PriorityChanged, TicketEventKinds.StatusChanged, AgentEventKinds.AssigneeChanged],
            commit.Events.Select(e => e.Kind));
        Assert.Equal([ticket.EventCount + 1, ticket.EventCount + 2, ticket.EventCount + 3], commit.Events.Select(e => e.Sequence));
        Assert.All(commit.Events, e => Assert.Equal("alice", e.Actor));
        Assert.Equal(TicketStatus.PendingCustomer, commit.Ticket.Status);
        Assert.Equal(Priority.High, commit.Ticket.Priority);
        Assert.Equal("bob", commit.Ticket.Assignee);
        Assert.Null(TicketDeadlines.Next(commit.Ticket));
        Assert.Empty(commit.Outbox);
    }

    [Fact]
    public void Change_Solved_SchedulesCheckBack()
    {
        var commit = _actions.Change(Ticket(), "alice", new TicketChange(Status: TicketStatus.Solved), Opened.AddHours(1))!;

        Assert.NotNull(commit.Ticket.Sla.CheckBackAt);
        Assert.Equal(Opened.AddHours(1), commit.Ticket.SolvedAt);
    }

    [Fact]
    public void Change_PriorityRaised_MovesDeadlineEarlier()
    {
        var ticket = Ticket();

        var commit = _actions.Change(ticket, "alice", new TicketChange(Priority: Priority.Urgent), Opened.AddMinutes(5))!;

        Assert.Equal(Opened.AddHours(1), commit.Ticket.FirstResponseDue);
        Assert.True(commit.Ticket.FirstResponseDue < ticket.FirstResponseDue);
    }

    [Fact]
    public void Change_NothingDifferent_ReturnsNull()
    {
        var ticket = Ticket() with { Assignee = "bob" };

        Assert.Null(_actions.Change(ticket, "alice", new TicketChange(TicketStatus.Open, ticket.Priority, "bob"), Opened));
    }

    [Fact]
    public void Change_EmptyAssignee_Unassigns()
    {
        var commit = _actions.Change(Ticket() with { Assignee = "bob" }, "alice", new TicketChange(Assignee: ""), Opened)!;

        Assert.Null(commit.Ticket.Assignee);
        Assert.Contains("Unassigned", Assert.Single(commit.Events).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_EnumValue_IsCamelCase()
    {
        Assert.Equal("pendingCustomer", AgentActions.Name(TicketStatus.PendingCustomer));
        Assert.Equal("open", AgentActions.Name(TicketStatus.Open));
    }
}
