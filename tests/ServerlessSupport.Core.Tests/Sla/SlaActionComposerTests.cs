using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Tickets;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Sla.Surveys;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class SlaActionComposerTests
{
    private readonly SlaPlanner _planner = new(ShippedPolicy);
    private readonly SlaActionComposer _composer = new(
        ShippedPolicy,
        new SupportIdentity("support@example.test", "Example Support"),
        new SlaSettings("https://support.example.test", new SurveyTokens("secret")));

    [Fact]
    public void Compose_ReminderLevel_MailsTheAssigneeWithSubjectAndLink()
    {
        var created = Utc(2026, 1, 5, 9);
        var ticket = new SlaTicketBuilder().WithAssignee("agent@example.test").Created(_planner, created);
        var decision = _planner.DueActions(ticket, DueKinds.EscalationSweep, Utc(2026, 1, 5, 15));

        var commit = _composer.Compose(ticket, decision, Utc(2026, 1, 5, 15));

        var item = Assert.Single(commit.Outbox);
        Assert.Equal(2, item.Sequence);
        Assert.Equal("[#K7M2QX9P] SLA: first response 75% — Printer on fire", item.Email.Subject);
        Assert.Equal("agent@example.test", Assert.Single(item.Email.To).Address);
        Assert.Equal("auto-generated", item.Email.AutoSubmitted);
        Assert.Null(item.Email.InReplyTo);
        Assert.Contains("https://support.example.test/#/tickets/K7M2QX9P", item.Email.Text, StringComparison.Ordinal);
        var evt = Assert.Single(commit.Events);
        Assert.Equal((3, TicketEventKinds.Escalated), (evt.Sequence, evt.Kind));
        Assert.Equal((3, 2), (commit.Ticket.EventCount, commit.Ticket.OutboxCount));
    }

    [Fact]
    public void Compose_ReminderWithoutAssignee_MailsTheTeam()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));
        var decision = _planner.DueActions(ticket, DueKinds.EscalationSweep, Utc(2026, 1, 5, 15));

        var commit = _composer.Compose(ticket, decision, Utc(2026, 1, 5, 15));

        Assert.Equal("support@example.com", Assert.Single(Assert.Single(commit.Outbox).Email.To).Address);
    }

    [Fact]
    public void Compose_CheckBack_ThreadsToTheCustomerAndCarriesTwoSignedLinks()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));
        var solved = _planner.OnStatusChanged(ticket, TicketStatus.Solved, Utc(2026, 1, 5, 12));
        var now = Utc(2026, 1, 8, 12);

        var commit = _composer.Compose(solved, _planner.DueActions(solved, DueKinds.FollowUpSweep, now), now);

        var email = Assert.Single(commit.Outbox).Email;
        Assert.StartsWith("[#K7M2QX9P]", email.Subject, StringComparison.Ordinal);
        Assert.Equal("<m1@example.com>", email.InReplyTo);
        Assert.Equal(["<m1@example.com>"], email.References);
        Assert.Equal("auto-generated", email.AutoSubmitted);
        Assert.Equal("jane@example.com", Assert.Single(email.To).Address);
        var links = System.Text.RegularExpressions.Regex.Matches(email.Text, @"https://support\.example\.test/api/csat/(\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, links.Count);
        var tokens = new SurveyTokens("secret");
        Assert.Equal([SurveyRating.Good, SurveyRating.Bad], links.Select(l => tokens.Verify(l, now).Rating));
    }
}
