using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tests.Sla;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Agents;

public sealed class TicketDeadlinesTests
{
    // Monday 5 January 2026, 10:00 London; urgent targets count every hour (first response 1 h).
    private static readonly DateTimeOffset Opened = SlaTicketBuilder.Utc(2026, 1, 5, 10);

    private readonly SlaPlanner _planner = new(SlaTicketBuilder.ShippedPolicy);

    private Ticket Urgent() => new SlaTicketBuilder().WithPriority(Priority.Urgent).Created(_planner, Opened);

    [Fact]
    public void Next_NewTicket_IsFirstResponse()
    {
        var next = TicketDeadlines.Next(Urgent());

        Assert.Equal(new NextDeadline(TargetKind.FirstResponse, Opened.AddHours(1)), next);
    }

    [Theory]
    [InlineData(0, "Ok")]
    [InlineData(44, "Ok")]
    [InlineData(45, "AtRisk")]
    [InlineData(59, "AtRisk")]
    [InlineData(60, "Breached")]
    [InlineData(600, "Breached")]
    public void Risk_ByTimeUsed_OkAtRiskFrom75PercentBreachedWhenDue(int minutes, string expected)
    {
        Assert.Equal(Enum.Parse<TicketRisk>(expected), TicketDeadlines.Risk(Urgent(), SlaTicketBuilder.ShippedPolicy, Opened.AddMinutes(minutes)));
    }

    [Fact]
    public void Risk_PendingOnCustomer_OkAndNoDeadline()
    {
        var pending = _planner.OnStatusChanged(Urgent(), TicketStatus.PendingCustomer, Opened.AddMinutes(10));

        Assert.Null(TicketDeadlines.Next(pending));
        Assert.Equal(TicketRisk.Ok, TicketDeadlines.Risk(pending, SlaTicketBuilder.ShippedPolicy, Opened.AddDays(5)));
    }

    [Fact]
    public void Risk_EscalationLevelFired_AtRiskEvenBefore75Percent()
    {
        var ticket = Urgent();
        var fired = ticket with { Sla = ticket.Sla with { FirstResponse = ticket.Sla.FirstResponse! with { LevelsFired = 1 } } };

        Assert.Equal(TicketRisk.AtRisk, TicketDeadlines.Risk(fired, SlaTicketBuilder.ShippedPolicy, Opened.AddMinutes(1)));
    }
}
