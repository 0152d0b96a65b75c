using System.Globalization;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// Which due rows a ticket needs (docs/architecture.md, "Storage"): one per sweep that has something pending for it, at
/// the earliest of that sweep's instants; the sweep re-plans the whole ticket when it reads the row (SlaPlanner), and the
/// commit that records what it did writes the row for the next instant. Pure, so every change path (the ticket store
/// computes it on each commit) agrees on the keys. Keys round the instant UP to the second, so a sweep that reads a row
/// never reads it before the action is really due.
/// </summary>
internal static class DueSchedule
{
    /// <summary>
    /// Many small partitions: every due-row write is a point operation in its ticket's shard, so shard size is what a
    /// busy desk grows (in Azurite a point write scans its partition: scripts/bench-emulator.sh measures 4-row batches at
    /// 558/s into an empty partition and 36/s at 12,000 rows). The price is one range query per shard per sweep, read
    /// one after the other.
    /// </summary>
    public const int ShardCount = 128;

    public static IReadOnlyList<DueEntry> For(Ticket ticket) =>
        [.. Deadlines(ticket).GroupBy(e => e.Sweep).Select(g => new DueEntry(g.Key, g.Min(e => e.DueAt), g.Key)).OrderBy(e => e.Sweep, StringComparer.Ordinal)];

    /// <summary>Every pending action of the ticket at its instant (what the rows' instants are the earliest of).</summary>
    public static IReadOnlyList<DueEntry> Deadlines(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var sla = ticket.Sla;
        var entries = new List<DueEntry>();
        if (ticket.Status == TicketStatus.Closed)
        {
            return entries;
        }

        if (sla.AgentNotices.Count > 0)
        {
            entries.Add(new(DueKinds.AgentNotices, sla.AgentNotices.Min(n => n.At), DueKinds.EscalationSweep));
        }

        foreach (var kind in Enum.GetValues<TargetKind>())
        {
            if (sla.Target(kind)?.NextLevelAt is { } at)
            {
                entries.Add(new(DueKinds.Escalation(kind), at, DueKinds.EscalationSweep));
            }
        }

        switch (ticket.Status)
        {
            case TicketStatus.Open:
                Add(entries, DueKinds.StatusNote, sla.StatusNoteDue);
                foreach (var promise in sla.Promises.Where(p => p.IsOpen))
                {
                    Add(entries, DueKinds.PromiseReminder, promise.RemindAt);
                    Add(entries, DueKinds.PromiseCheck, promise.CheckAt);
                }

                break;
            case TicketStatus.PendingCustomer:
                Add(entries, DueKinds.PendingReminder, sla.PendingReminderDue);
                Add(entries, DueKinds.AutoClose, sla.AutoCloseAt);
                break;
            case TicketStatus.Solved:
                Add(entries, DueKinds.CheckBack, sla.CheckBackSent ? null : sla.CheckBackAt);
                Add(entries, DueKinds.Close, sla.CloseAt);
                break;
            default:
                break;
        }

        return entries;
    }

    /// <summary>The due rows' partition for a ticket: <c>due-000</c> … <c>due-127</c> by a stable hash of the id (FNV-1a).</summary>
    public static string Partition(TicketId ticket) => PartitionOf(Shard(ticket));

    public static string PartitionOf(int shard) => string.Create(CultureInfo.InvariantCulture, $"due-{shard:D3}");

    public static int Shard(TicketId ticket)
    {
        var hash = 2166136261u;
        foreach (var c in ticket.Value)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash % ShardCount);
    }

    /// <summary><c>{dueUtc:yyyyMMddTHHmmssZ}-{ticket}-{kind}</c>, the instant rounded up to the whole second.</summary>
    public static string RowKey(TicketId ticket, DueEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"{Stamp(CeilingToSecond(entry.DueAt))}-{ticket}-{entry.Kind}";
    }

    /// <summary>The upper bound for a range query of every row due at or before <paramref name="now"/>.</summary>
    public static string UpperBound(DateTimeOffset now) => Stamp(FloorToSecond(now)) + "~";

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset CeilingToSecond(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var rest = utc.Ticks % TimeSpan.TicksPerSecond;
        return rest == 0 ? utc : utc.AddTicks(TimeSpan.TicksPerSecond - rest);
    }

    private static DateTimeOffset FloorToSecond(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }

    private static void Add(List<DueEntry> entries, string kind, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            entries.Add(new(kind, value, DueKinds.SweepOf(kind)));
        }
    }
}
