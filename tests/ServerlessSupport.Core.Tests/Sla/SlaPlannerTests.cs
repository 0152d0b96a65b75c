using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Core.Tickets;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Sweeps;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class SlaPlannerTests
{
    private readonly SlaPlanner _planner = new(ShippedPolicy);

    [Fact]
    public void OnCreated_NormalTicketMondayMorning_StartsFirstResponseResolutionAndStatusNote()
    {
        // 5 January 2026 is a Monday; London is on GMT (UTC+0) in winter.
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));

        Assert.Equal(Utc(2026, 1, 5, 17), ticket.Sla.FirstResponse!.DueAt);
        Assert.Equal(Utc(2026, 1, 5, 15), ticket.Sla.FirstResponse.NextLevelAt);
        Assert.Equal(ticket.Sla.FirstResponse.DueAt, ticket.FirstResponseDue);
        Assert.Null(ticket.Sla.NextUpdate);
        Assert.Equal(Utc(2026, 1, 9, 17), ticket.Sla.Resolution!.DueAt);
        Assert.Equal(Utc(2026, 1, 6, 17), ticket.Sla.StatusNoteDue);
    }

    [Fact]
    public void OnCreated_BeforeChristmasHolidays_SkipsHolidaysAndWeekend()
    {
        // Thu 24 Dec 16:00: one hour that day; 25th holiday, weekend, 28th (Boxing Day substitute) holiday; 7h on Tue 29th.
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 12, 24, 16));

        Assert.Equal(Utc(2026, 12, 29, 16), ticket.FirstResponseDue);
    }

    [Fact]
    public void OnCreated_AcrossSpringForward_CountsLocalBusinessHours()
    {
        // Fri 27 Mar 2026 16:00 GMT: one hour; clocks go forward on Sun 29th; Mon 30th 09:00 BST = 08:00 UTC, +7h = 15:00 UTC.
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 3, 27, 16));

        Assert.Equal(Utc(2026, 3, 30, 15), ticket.FirstResponseDue);
    }

    [Fact]
    public void OnStatusChanged_PendingThenCustomerReply_PausesAndMovesDeadlinesOut()
    {
        var time = new FakeTimeProvider(Utc(2026, 1, 5, 9));
        var ticket = new SlaTicketBuilder().Created(_planner, time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1));

        var pending = _planner.OnStatusChanged(ticket, TicketStatus.PendingCustomer, time.GetUtcNow());
        Assert.Null(pending.Sla.FirstResponse!.DueAt);
        Assert.Null(pending.Sla.StatusNoteDue);
        Assert.Equal(Utc(2026, 1, 7, 10), pending.Sla.PendingReminderDue);
        Assert.Equal(Utc(2026, 1, 12, 10), pending.Sla.AutoCloseAt);
        Assert.DoesNotContain(DueSchedule.Deadlines(pending), e => e.Kind.StartsWith("esc-", StringComparison.Ordinal));

        time.SetUtcNow(Utc(2026, 1, 7, 10));
        var resumed = _planner.OnCustomerMessage(pending, time.GetUtcNow());

        // 1h used before the pause; 7h left from Wednesday 10:00.
        Assert.Equal(TicketStatus.Open, resumed.Status);
        Assert.Equal(Utc(2026, 1, 7, 17), resumed.FirstResponseDue);
        Assert.Null(resumed.Sla.PendingSince);
        Assert.Null(resumed.Sla.PendingReminderDue);
        Assert.Null(resumed.Sla.NextUpdate);
    }

    [Fact]
    public void OnAgentPublicReply_ThenCustomerMessage_StopsFirstResponseAndStartsNextUpdate()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));

        var replied = _planner.OnAgentPublicReply(ticket, Utc(2026, 1, 5, 10));
        Assert.Null(replied.Sla.FirstResponse);
        Assert.Null(replied.FirstResponseDue);
        Assert.Equal(Utc(2026, 1, 5, 10), replied.FirstRespondedAt);
        Assert.Equal(Utc(2026, 1, 7, 10), replied.Sla.StatusNoteDue);

        var answered = _planner.OnCustomerMessage(replied, Utc(2026, 1, 5, 11));
        Assert.Equal(Utc(2026, 1, 6, 11), answered.Sla.NextUpdate!.DueAt);
        Assert.Contains(DueSchedule.Deadlines(answered), e => e.Kind == DueKinds.EscalateNextUpdate);

        var again = _planner.OnAgentPublicReply(answered, Utc(2026, 1, 5, 12));
        Assert.Null(again.Sla.NextUpdate);
    }

    [Fact]
    public void OnPriorityChanged_ToHigh_RecomputesFromOriginalStart()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));

        var high = _planner.OnPriorityChanged(ticket, Priority.High, Utc(2026, 1, 5, 10));

        Assert.Equal(Priority.High, high.Priority);
        Assert.Equal(Utc(2026, 1, 5, 13), high.FirstResponseDue);
        Assert.Equal(Utc(2026, 1, 6, 17), high.Sla.Resolution!.DueAt);
    }

    [Fact]
    public void DueActions_UrgentAfterDowntime_FiresEachLevelOnceInOrder()
    {
        var created = Utc(2026, 1, 5, 9);
        var ticket = new SlaTicketBuilder().WithPriority(Priority.Urgent).Created(_planner, created);

        var decision = _planner.DueActions(ticket, DueKinds.EscalationSweep, created.AddHours(2));

        var fired = decision.Actions.Cast<EscalationFired>().ToList();
        Assert.Equal([75, 100, 150], fired.Select(f => f.Level.AtPercent));
        Assert.All(fired, f => Assert.Equal(TargetKind.FirstResponse, f.Target));
        Assert.Equal([created.AddMinutes(45), created.AddHours(1), created.AddMinutes(90)], fired.Select(f => f.DueAt));
        Assert.Equal(3, decision.Ticket.Sla.FirstResponse!.LevelsFired);
        Assert.Null(decision.Ticket.Sla.FirstResponse.NextLevelAt);
        Assert.True(_planner.DueActions(decision.Ticket, DueKinds.EscalationSweep, created.AddHours(2)).IsEmpty);
    }

    [Fact]
    public void DueActions_BreachLevel_RaisesPriorityAndRecomputes()
    {
        var created = Utc(2026, 1, 5, 9);
        var ticket = new SlaTicketBuilder().Created(_planner, created);

        var decision = _planner.DueActions(ticket, DueKinds.EscalationSweep, Utc(2026, 1, 5, 17));

        var breached = decision.Actions.Cast<EscalationFired>().Single(f => f.Level.AtPercent == 100);
        Assert.Equal(Priority.Normal, breached.PriorityBefore);
        Assert.Equal(Priority.High, breached.PriorityAfter);
        Assert.Equal(Priority.High, decision.Ticket.Priority);
        Assert.Equal(Utc(2026, 1, 5, 13), decision.Ticket.FirstResponseDue);
        Assert.Equal(["reminder", "breached", "manager"], decision.Actions.Cast<EscalationFired>().Select(f => f.Level.Name));
        Assert.Equal([false, true, false], decision.Actions.Cast<EscalationFired>().Select(f => f.Breached));
    }

    [Fact]
    public void DueActions_BeforeAnyLevel_IsEmpty()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));

        Assert.True(_planner.DueActions(ticket, DueKinds.EscalationSweep, Utc(2026, 1, 5, 14, 59)).IsEmpty);
        Assert.True(_planner.DueActions(ticket, DueKinds.FollowUpSweep, Utc(2026, 1, 5, 14, 59)).IsEmpty);
    }

    [Fact]
    public void DueActions_PendingAfterLongDowntime_RemindsTwiceThenClosesInOrder()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));
        var pending = _planner.OnStatusChanged(ticket, TicketStatus.PendingCustomer, Utc(2026, 1, 5, 10));

        var decision = _planner.DueActions(pending, DueKinds.FollowUpSweep, Utc(2026, 1, 20, 0));

        Assert.Collection(
            decision.Actions,
            a => Assert.Equal(1, Assert.IsType<PendingReminderDue>(a).Number),
            a => Assert.Equal(2, Assert.IsType<PendingReminderDue>(a).Number),
            a => Assert.IsType<AutoCloseDue>(a));
        Assert.Equal(TicketStatus.Closed, decision.Ticket.Status);
        Assert.Empty(DueSchedule.For(decision.Ticket));
    }

    [Fact]
    public void DueActions_StatusNoteMissedManyTimes_SendsOneAndReschedules()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));

        var decision = _planner.DueActions(ticket, DueKinds.FollowUpSweep, Utc(2026, 1, 14, 9));

        Assert.IsType<StatusNoteDue>(Assert.Single(decision.Actions));
        Assert.Equal(Utc(2026, 1, 15, 17), decision.Ticket.Sla.StatusNoteDue);
    }

    [Fact]
    public void OnStatusChanged_Solved_SchedulesCheckBackThenClose()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));
        var solved = _planner.OnStatusChanged(ticket, TicketStatus.Solved, Utc(2026, 1, 5, 12));

        Assert.Equal(Utc(2026, 1, 5, 12), solved.SolvedAt);
        Assert.Equal([DueKinds.CheckBack, DueKinds.Close], DueSchedule.Deadlines(solved).Select(e => e.Kind));

        var checkBack = _planner.DueActions(solved, DueKinds.FollowUpSweep, Utc(2026, 1, 8, 12));
        Assert.IsType<CheckBackDue>(Assert.Single(checkBack.Actions));
        Assert.True(checkBack.Ticket.Sla.CheckBackSent);
        Assert.True(_planner.DueActions(checkBack.Ticket, DueKinds.FollowUpSweep, Utc(2026, 1, 8, 12)).IsEmpty);

        var close = _planner.DueActions(checkBack.Ticket, DueKinds.FollowUpSweep, Utc(2026, 1, 12, 12));
        Assert.IsType<CloseAfterSolveDue>(Assert.Single(close.Actions));
        Assert.Equal(TicketStatus.Closed, close.Ticket.Status);
    }

    [Fact]
    public void OnCustomerMessage_SolvedTicket_ReopensAndDoesNotCountSolvedTime()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));
        var replied = _planner.OnAgentPublicReply(ticket, Utc(2026, 1, 5, 10));
        var solved = _planner.OnStatusChanged(replied, TicketStatus.Solved, Utc(2026, 1, 5, 11));

        var reopened = _planner.OnCustomerMessage(solved, Utc(2026, 1, 7, 11));

        Assert.Equal(TicketStatus.Open, reopened.Status);
        Assert.Null(reopened.SolvedAt);
        Assert.Null(reopened.Sla.CheckBackAt);
        // 2h of the 40h resolution target were used before the solve; 38h from Wednesday 11:00 ends Tuesday 13th 17:00.
        Assert.Equal(Utc(2026, 1, 13, 17), reopened.Sla.Resolution!.DueAt);
        Assert.Equal(Utc(2026, 1, 8, 11), reopened.Sla.NextUpdate!.DueAt);
    }
}
