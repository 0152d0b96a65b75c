using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tests.Inbound;
using ServerlessSupport.Core.Tests.Sla;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Intake;

public sealed class TicketComposerTests
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly SupportIdentity Support = new("support@help.example", "Help Desk");
    private readonly TicketComposer _composer = new(SlaTicketBuilder.ShippedPolicy, Support, new FakeTimeProvider(Monday));

    private static InboundContext Inbound(InboundEmail email) =>
        new(new InboundQueueMessage("b", InboundQueueMessage.JsonFormat, "application/json", Monday), email, [], "<m@x>", MessageMarkers.For("<m@x>"), AutomaticMailClassifier.Classify(email, Support.Address));

    [Fact]
    public void NewTicket_GermanMailWithCcAndDate_RecordsLanguageOffsetAndParticipantsAndAnswersInGerman()
    {
        var email = new InboundEmailBuilder()
            .Text("Hallo, seit heute kann ich mich nicht mehr anmelden. Bitte helfen Sie mir, danke!")
            .Cc("Chef <chef@customer.example>", "support@help.example", "jane@customer.example", "support+ABC@help.example", "it@customer.example")
            .Date(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(1)))
            .Build();

        var commit = _composer.NewTicket(TicketId.Parse("K7M2QX9P"), Inbound(email), [], acknowledge: true);

        var ticket = commit.Ticket;
        Assert.Equal("de", ticket.Language);
        Assert.Equal(TimeSpan.FromHours(1), ticket.CustomerUtcOffset);
        Assert.Equal(["chef@customer.example", "it@customer.example"], ticket.Participants.Select(p => p.Address));
        var ack = Assert.Single(commit.Outbox).Email;
        Assert.Equal("de", ack.Language);
        Assert.Empty(ack.Cc);
        Assert.Contains("Vielen Dank für Ihre Nachricht an Help Desk", ack.Text, StringComparison.Ordinal);
        Assert.Contains("bis Montag, 5. Januar, 18:00 Uhr (UTC+01:00), innerhalb von 1 Arbeitstag", ack.Text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", ack.Html, StringComparison.Ordinal);
        Assert.Contains("language de (detected from the text)", commit.Events[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void NewTicket_ProbablyAutomatic_OpensTicketWithEventAndNoAcknowledgment()
    {
        var email = new InboundEmailBuilder().From("AWS Notifications <no-reply@sns.amazonaws.com>").Subject("AWS Notification Message").Text("Order 4411 failed payment capture.").Build();

        var commit = _composer.NewTicket(TicketId.Parse("K7M2QX9P"), Inbound(email), [], acknowledge: true);

        Assert.Empty(commit.Outbox);
        Assert.Null(commit.Ticket.AcknowledgedAt);
        var withheld = Assert.Single(commit.Events, e => e.Kind == TicketEventKinds.ProbablyAutomatic);
        Assert.Equal("No acknowledgment: probably automatic: sent from a no-reply address (no-reply@sns.amazonaws.com).", withheld.Detail);
        Assert.DoesNotContain(commit.Events, e => e.Kind is TicketEventKinds.AutoReplySuppressed or TicketEventKinds.AcknowledgmentQueued);
    }

    [Fact]
    public void NewTicket_TeamSlowerThanTarget_SaysSoAndPromisesItsPace()
    {
        var email = new InboundEmailBuilder().Text("Hi, how do I export my data? Thanks for your help with this.").Build();
        var pace = new PaceSnapshot(Monday, new Dictionary<Priority, PaceFigure> { [Priority.Normal] = new(TimeSpan.FromHours(13), 25) });

        var commit = _composer.NewTicket(TicketId.Parse("K7M2QX9P"), Inbound(email), [], acknowledge: true, pace);

        var text = Assert.Single(commit.Outbox).Email.Text;
        Assert.Contains("Our target is a reply within 1 working day, but at the moment we are slower than that: over the last 7 days, 80 % of our first replies", text, StringComparison.Ordinal);
        Assert.Contains("reply by Tuesday 6 January, 17:00 (UTC), within 2 working days.", text, StringComparison.Ordinal);

        // The promise is what we say; the SLA deadline stays the target.
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 17, 0, 0, TimeSpan.Zero), commit.Ticket.FirstResponseDue);
    }

    [Fact]
    public void AppendUnverified_StrangerOnASolvedTicket_KeepsANoteAndChangesNothingElse()
    {
        var planner = new SlaPlanner(SlaTicketBuilder.ShippedPolicy);
        var solved = planner.OnStatusChanged(new SlaTicketBuilder().Created(planner, Monday), TicketStatus.Solved, Monday.AddHours(2));
        var email = new InboundEmailBuilder().From("Mallory <mallory@evil.example>").Subject("Re: [#K7M2QX9P] Printer").Text("Please send me the invoice.").Build();

        var commit = _composer.AppendUnverified(solved, Inbound(email), [], ThreadMatch.SubjectToken);

        Assert.Equal(solved with { UpdatedAt = Monday, MessageCount = solved.MessageCount + 1, EventCount = solved.EventCount + 1 }, commit.Ticket);
        var note = Assert.Single(commit.Messages);
        Assert.Equal((MessageDirection.Note, true, "mallory@evil.example"), (note.Direction, note.UnverifiedSender, note.Author));
        Assert.Equal(TicketEventKinds.UnverifiedSender, Assert.Single(commit.Events).Kind);
        Assert.Empty(commit.Outbox);
    }

    [Fact]
    public void Append_ParticipantWrites_ReopensButKeepsTheCustomersOffsetAndCopies()
    {
        var planner = new SlaPlanner(SlaTicketBuilder.ShippedPolicy);
        var ticket = planner.OnStatusChanged(new SlaTicketBuilder().WithCustomerOffset(TimeSpan.FromHours(-5)).Created(planner, Monday), TicketStatus.Solved, Monday.AddHours(1)) with
        {
            Participants = [new("boss@customer.example")],
        };
        var email = new InboundEmailBuilder().From("boss@customer.example").Cc("other@customer.example").Date(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(3))).Text("It is broken again.").Build();

        var commit = _composer.Append(ticket, Inbound(email), []);

        Assert.Equal(TicketStatus.Open, commit.Ticket.Status);
        Assert.Equal(TimeSpan.FromHours(-5), commit.Ticket.CustomerUtcOffset);
        Assert.Equal(["boss@customer.example"], commit.Ticket.Participants.Select(p => p.Address));
        Assert.Contains(commit.Events, e => e.Detail == "Reply from participant boss@customer.example.");
    }
}
