using ServerlessSupport.Core.Tickets;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Sweeps;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class CustomerDaytimeTests
{
    private static readonly CustomerDaytime Daytime = ShippedPolicy.CustomerDaytime!;

    [Theory]
    [InlineData(12, 0, 12, 0)] // noon in New York (UTC-5 = 17:00 UTC): as it is
    [InlineData(22, 30, 8, 0)] // 22:30 local: the next morning at 08:00
    [InlineData(6, 0, 8, 0)] // 06:00 local: 08:00 the same morning
    [InlineData(20, 0, 8, 0)] // the window ends at 20:00 (exclusive)
    public void NextAllowed_CustomersOwnOffset_KeepsOrMovesToTheirMorning(int hour, int minute, int expectedHour, int expectedMinute)
    {
        var offset = TimeSpan.FromHours(-5);
        var local = new DateTimeOffset(2026, 1, 6, hour, minute, 0, offset);

        var allowed = Daytime.NextAllowed(local, offset).ToOffset(offset);

        Assert.Equal((expectedHour, expectedMinute), (allowed.Hour, allowed.Minute));
        Assert.Equal(local.Date.AddDays(hour >= 20 ? 1 : 0), allowed.Date);
    }

    [Fact]
    public void NextAllowed_NoOffsetKnown_UsesThePolicyZoneAcrossDaylightSaving()
    {
        // Saturday 28 March 2026 21:00 UTC is 21:00 in London (GMT); the next morning is Sunday 29, on BST: 08:00 = 07:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), Daytime.NextAllowed(Utc(2026, 3, 28, 21), null));
    }

    [Fact]
    public void Planner_CheckBackFallingAtNight_WaitsForTheCustomersMorning()
    {
        var planner = new SlaPlanner(ShippedPolicy);
        var tokyo = TimeSpan.FromHours(9);
        var ticket = new SlaTicketBuilder().WithCustomerOffset(tokyo).Created(planner, Utc(2026, 1, 5, 9));

        // Solved Monday 14:00 UTC (23:00 in Tokyo): three days later is Thursday 23:00 Tokyo time.
        var solved = planner.OnStatusChanged(ticket, TicketStatus.Solved, Utc(2026, 1, 5, 14));

        Assert.Equal(new DateTimeOffset(2026, 1, 9, 8, 0, 0, tokyo), solved.Sla.CheckBackAt);
        Assert.Equal(1, solved.ResolutionCount);
        Assert.Contains(DueSchedule.Deadlines(solved), e => e.Kind == DueKinds.CheckBack && e.DueAt == solved.Sla.CheckBackAt);
    }

    [Fact]
    public void Planner_PendingRemindersAtNight_MoveToTheMorningAndTheSweepSeesThemThen()
    {
        var planner = new SlaPlanner(ShippedPolicy);
        var newYork = TimeSpan.FromHours(-5);
        var ticket = new SlaTicketBuilder().WithCustomerOffset(newYork).Created(planner, Utc(2026, 1, 5, 9));

        // Pending at 04:00 UTC (23:00 in New York): 2 and 5 days later are 23:00 there.
        var pending = planner.OnStatusChanged(ticket, TicketStatus.PendingCustomer, Utc(2026, 1, 6, 4));
        var first = new DateTimeOffset(2026, 1, 8, 8, 0, 0, newYork);

        Assert.Equal(first, pending.Sla.PendingReminderDue);
        Assert.True(planner.DueActions(pending, DueKinds.FollowUpSweep, Utc(2026, 1, 8, 4)).IsEmpty);
        var decision = planner.DueActions(pending, DueKinds.FollowUpSweep, first);
        Assert.IsType<PendingReminderDue>(Assert.Single(decision.Actions));
        Assert.Equal(new DateTimeOffset(2026, 1, 11, 8, 0, 0, newYork), decision.Ticket.Sla.PendingReminderDue);
    }

    [Fact]
    public void Planner_ReopenedBeforeTheCheckBack_CancelsItAndSolvingAgainAsksAgain()
    {
        var planner = new SlaPlanner(ShippedPolicy);
        var ticket = new SlaTicketBuilder().Created(planner, Utc(2026, 1, 5, 9));
        var solved = planner.OnStatusChanged(ticket, TicketStatus.Solved, Utc(2026, 1, 5, 12));

        var reopened = planner.OnCustomerMessage(solved, Utc(2026, 1, 6, 10));
        Assert.Null(reopened.Sla.CheckBackAt);
        Assert.DoesNotContain(DueSchedule.Deadlines(reopened), e => e.Kind == DueKinds.CheckBack);

        var again = planner.OnStatusChanged(reopened, TicketStatus.Solved, Utc(2026, 1, 7, 10));
        Assert.Equal(2, again.ResolutionCount);
        Assert.Contains(DueSchedule.Deadlines(again), e => e.Kind == DueKinds.CheckBack && e.DueAt == Utc(2026, 1, 10, 10));
    }

    [Fact]
    public void Planner_AgentReminderOfAMailFromFridayNight_FallsInMondaysBusinessHours()
    {
        // Agent-facing levels count the target's business calendar, not the customer's daytime: 75% of 8 business
        // hours from Friday 22:00 is Monday 15:00 London, whatever the customer's offset.
        var planner = new SlaPlanner(ShippedPolicy);
        var ticket = new SlaTicketBuilder().WithCustomerOffset(TimeSpan.FromHours(9)).Created(planner, Utc(2026, 1, 9, 22));

        Assert.Equal(Utc(2026, 1, 12, 15), ticket.Sla.FirstResponse!.NextLevelAt);
        Assert.True(ShippedPolicy.DefaultCalendar.IsOpen(ticket.Sla.FirstResponse.NextLevelAt!.Value));
    }
}
