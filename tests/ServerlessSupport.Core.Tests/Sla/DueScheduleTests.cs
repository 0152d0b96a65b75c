using ServerlessSupport.Core.Tickets;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;
using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class DueScheduleTests
{
    private readonly SlaPlanner _planner = new(ShippedPolicy);

    [Fact]
    public void Deadlines_NewTicket_ListsNextEscalationsAndStatusNote()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));

        var entries = DueSchedule.Deadlines(ticket);

        Assert.Equal(
            [(DueKinds.EscalateFirstResponse, Utc(2026, 1, 5, 15), DueKinds.EscalationSweep), (DueKinds.EscalateResolution, Utc(2026, 1, 8, 15), DueKinds.EscalationSweep), (DueKinds.StatusNote, Utc(2026, 1, 6, 17), DueKinds.FollowUpSweep)],
            entries.Select(e => (e.Kind, e.DueAt, e.Sweep)));
    }

    [Fact]
    public void For_NewTicket_OneRowPerSweepAtItsEarliestInstant()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));

        var entries = DueSchedule.For(ticket);

        Assert.Equal(
            [(DueKinds.EscalationSweep, Utc(2026, 1, 5, 15), DueKinds.EscalationSweep), (DueKinds.FollowUpSweep, Utc(2026, 1, 6, 17), DueKinds.FollowUpSweep)],
            entries.Select(e => (e.Kind, e.DueAt, e.Sweep)));
    }

    [Fact]
    public void For_ClosedTicket_IsEmpty()
    {
        var ticket = new SlaTicketBuilder().Created(_planner, Utc(2026, 1, 5, 9));

        Assert.Empty(DueSchedule.For(_planner.OnStatusChanged(ticket, TicketStatus.Closed, Utc(2026, 1, 5, 10))));
    }

    [Fact]
    public void RowKey_FractionalSecond_RoundsUpSoTheRowIsNeverEarly()
    {
        var id = TicketId.Parse("K7M2QX9P");
        var entry = new DueEntry(DueKinds.StatusNote, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).AddMilliseconds(1), DueKinds.FollowUpSweep);

        Assert.Equal("20260105T090001Z-K7M2QX9P-status", DueSchedule.RowKey(id, entry));
        Assert.True(string.CompareOrdinal(DueSchedule.RowKey(id, entry), DueSchedule.UpperBound(Utc(2026, 1, 5, 9))) > 0);
        Assert.True(string.CompareOrdinal(DueSchedule.RowKey(id, entry), DueSchedule.UpperBound(Utc(2026, 1, 5, 9).AddSeconds(1))) < 0);
    }

    [Fact]
    public void Partition_SameTicket_IsStableAndInRange()
    {
        var id = TicketId.Parse("K7M2QX9P");

        Assert.Equal(DueSchedule.Partition(id), DueSchedule.Partition(TicketId.Parse("k7m2qx9p")));
        Assert.Matches("^due-(0[0-9][0-9]|1[01][0-9]|12[0-7])$", DueSchedule.Partition(id));
        var shards = Enumerable.Range(0, 5000).Select(_ => DueSchedule.Shard(TicketId.New())).Distinct().Count();
        Assert.Equal(DueSchedule.ShardCount, shards);
    }
}
