using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// Business-time arithmetic for one calendar: weekly open hours as local wall-clock times in an IANA zone, minus whole-day
/// holidays (local dates). Rules, decided once:
/// <list type="bullet">
/// <item>Open intervals are half-open: open at their start, closed at their end (unless the next interval starts there).</item>
/// <item><see cref="Add"/> from a closed time starts counting at the next opening; a result that lands exactly on an
/// interval's end stays at that end (it does not jump to the next opening). <c>Add(start, 0) == start</c>, open or not.</item>
/// <item>Hours are wall-clock times, so a 09:00–17:00 day is 8 hours on DST days too, unless the local interval itself
/// spans the jump: then it counts the real elapsed time. Skipped local times (clocks forward) map to the moment of the
/// jump; repeated local times (clocks back) map to their first occurrence (see <see cref="ZoneTimes"/>).</item>
/// <item><see cref="Measure"/> is signed: business time from <c>from</c> to <c>to</c>, negative when <c>to</c> is
/// earlier (sweeps use it for "overdue by").</item>
/// <item>Computed instants are returned in UTC (offset zero).</item>
/// </list>
/// Long spans walk day by day (never minute by minute).
/// </summary>
internal sealed class BusinessCalendar
{
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    // Zone conversions dominate the cost; a day's open periods never change, so they are computed once per date.
    private const int MaxCachedDays = 20_000;

    private readonly ConcurrentDictionary<DateOnly, (DateTimeOffset Start, DateTimeOffset End)[]> _periodsByDate = new();

    private readonly OpeningInterval[][] _week;
    private readonly int _maxClosedDays;

    public BusinessCalendar(
        string name,
        TimeZoneInfo timeZone,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> weeklyHours,
        IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(weeklyHours);
        ArgumentNullException.ThrowIfNull(holidays);

        Name = name;
        TimeZone = timeZone;
        _week = new OpeningInterval[7][];
        for (var day = DayOfWeek.Sunday; day <= DayOfWeek.Saturday; day++)
        {
            _week[(int)day] = Normalize(weeklyHours.TryGetValue(day, out var hours) ? hours : [], day);
        }

        if (_week.All(d => d.Length == 0))
        {
            throw new ArgumentException("A business calendar needs at least one open interval in the week.", nameof(weeklyHours));
        }

        Holidays = holidays.ToFrozenSet();
        IsAlwaysOpen = Holidays.Count == 0 && _week.All(d => d.Length == 1 && d[0] == OpeningInterval.WholeDay);

        // Every week has an open interval, so a run of closed days is at most a week plus every holiday (plus slack for
        // an interval lost in a DST gap). Past that something is wrong: fail rather than loop.
        _maxClosedDays = 9 + Holidays.Count;
    }

    /// <summary>Open every minute of every day: business time equals calendar time.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = Open24x7("24x7", TimeZoneInfo.Utc, []);

    public string Name { get; }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlySet<DateOnly> Holidays { get; }

    /// <summary>True when open around the clock with no holidays, so arithmetic is plain calendar arithmetic.</summary>
    public bool IsAlwaysOpen { get; }

    public static BusinessCalendar Open24x7(string name, TimeZoneInfo timeZone, IEnumerable<DateOnly> holidays)
    {
        IReadOnlyList<OpeningInterval> wholeDay = [OpeningInterval.WholeDay];
        var week = Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => wholeDay);
        return new BusinessCalendar(name, timeZone, week, holidays);
    }

    /// <summary>The open time of the longest weekday: what "one business day" means when a promise is rounded to days.</summary>
    public TimeSpan LongestOpenDay => TimeSpan.FromTicks(_week.Max(day => day.Sum(i => i.Length.Ticks)));

    /// <summary>The (sorted, merged) open intervals of a weekday, before holidays.</summary>
    public IReadOnlyList<OpeningInterval> HoursOn(DayOfWeek day) => _week[(int)day];

    public bool IsOpen(DateTimeOffset at)
    {
        if (IsAlwaysOpen)
        {
            return true;
        }

        foreach (var (start, _) in OpenPeriodsEndingAfter(at))
        {
            return start <= at;
        }

        return false;
    }

    /// <summary><paramref name="at"/> itself when open, else the start of the next open interval.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset at)
    {
        if (IsAlwaysOpen)
        {
            return at;
        }

        foreach (var (start, _) in OpenPeriodsEndingAfter(at))
        {
            return start <= at ? at : start;
        }

        throw new InvalidOperationException("Unreachable: the open periods never end.");
    }

    /// <summary>The instant at which <paramref name="businessTime"/> of open time has passed since <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);
        if (businessTime == TimeSpan.Zero)
        {
            return start;
        }

        if (IsAlwaysOpen)
        {
            return (start + businessTime).ToUniversalTime();
        }

        var remaining = businessTime;
        foreach (var (periodStart, periodEnd) in OpenPeriodsEndingAfter(start))
        {
            var from = periodStart > start ? periodStart : start;
            var available = periodEnd - from;
            if (remaining <= available)
            {
                return (from + remaining).ToUniversalTime();
            }

            remaining -= available;
        }

        throw new InvalidOperationException("Unreachable: the open periods never end.");
    }

    /// <summary>Open time between the two instants; negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public TimeSpan Measure(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -Measure(to, from);
        }

        if (IsAlwaysOpen || to == from)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        foreach (var (periodStart, periodEnd) in OpenPeriodsEndingAfter(from))
        {
            if (periodStart >= to)
            {
                break;
            }

            total += (periodEnd < to ? periodEnd : to) - (periodStart > from ? periodStart : from);
        }

        return total;
    }

    public override string ToString() => $"{Name} ({TimeZone.Id})";

    /// <summary>Open periods as UTC instants, in order, starting with the first one that ends after <paramref name="at"/>.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> OpenPeriodsEndingAfter(DateTimeOffset at)
    {
        // Start a day early as a safety margin around DST changes; periods that ended before at are skipped.
        var date = DateOnly.FromDateTime(ZoneTimes.ToLocal(TimeZone, at)).AddDays(-1);
        var closedDays = 0;
        while (true)
        {
            var periods = PeriodsOn(date);
            foreach (var period in periods)
            {
                if (period.End > at)
                {
                    yield return period;
                }
            }

            closedDays = periods.Length > 0 ? 0 : closedDays + 1;
            if (closedDays > _maxClosedDays)
            {
                throw new InvalidOperationException($"Calendar '{Name}' has no open hours for {closedDays} days in a row from {date}.");
            }

            date = date.AddDays(1);
        }
    }

    /// <summary>The open periods of one local date as UTC instants (empty on holidays and closed days).</summary>
    private (DateTimeOffset Start, DateTimeOffset End)[] PeriodsOn(DateOnly date)
    {
        if (_periodsByDate.TryGetValue(date, out var cached))
        {
            return cached;
        }

        var periods = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        if (!Holidays.Contains(date))
        {
            var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            foreach (var interval in _week[(int)date.DayOfWeek])
            {
                var start = ZoneTimes.ToInstant(TimeZone, midnight + interval.From);
                var end = ZoneTimes.ToInstant(TimeZone, midnight + interval.To);

                // Empty when the whole interval lies in a skipped (spring-forward) hour.
                if (end > start)
                {
                    periods.Add((start, end));
                }
            }
        }

        if (_periodsByDate.Count >= MaxCachedDays)
        {
            _periodsByDate.Clear();
        }

        return _periodsByDate[date] = [.. periods];
    }

    private static OpeningInterval[] Normalize(IReadOnlyList<OpeningInterval> intervals, DayOfWeek day)
    {
        var sorted = intervals.OrderBy(i => i.From).ToList();
        var merged = new List<OpeningInterval>();
        foreach (var interval in sorted)
        {
            if (interval.From < TimeSpan.Zero || interval.To > OneDay || interval.From >= interval.To)
            {
                throw new ArgumentException($"{day}: {interval} is not a valid interval within one day.", nameof(intervals));
            }

            if (merged.Count > 0 && interval.From < merged[^1].To)
            {
                throw new ArgumentException($"{day}: {interval} overlaps {merged[^1]}.", nameof(intervals));
            }

            // Touching intervals (09:00-12:00, 12:00-17:00) are one open stretch.
            if (merged.Count > 0 && interval.From == merged[^1].To)
            {
                merged[^1] = merged[^1] with { To = interval.To };
            }
            else
            {
                merged.Add(interval);
            }
        }

        return [.. merged];
    }
}
