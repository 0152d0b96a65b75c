
namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>Turns a local wall-clock time of a zone into an instant, deciding the DST edge cases one way everywhere.</summary>
internal static class ZoneTimes
{
    // Longer than any real gap (Samoa skipped a whole day in 2011).
    private const int MaxGapMinutes = 48 * 60;

    /// <summary>
    /// The instant of <paramref name="local"/> in <paramref name="zone"/>. A time skipped when clocks go forward maps to the
    /// moment of the jump (the first instant whose wall clock is later), so skipped wall time is never counted. A time that
    /// occurs twice when clocks go back maps to its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(TimeZoneInfo zone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Transitions and offsets are whole minutes, so the first valid whole minute after the gap is where it ends.
            var probe = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
            var steps = 0;
            do
            {
                probe = probe.AddMinutes(1);
                if (++steps > MaxGapMinutes)
                {
                    throw new InvalidOperationException($"No valid local time after {local:O} in {zone.Id}.");
                }
            }
            while (zone.IsInvalidTime(probe));

            local = probe;
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }

    /// <summary>The wall-clock time in <paramref name="zone"/> at <paramref name="at"/>.</summary>
    public static DateTime ToLocal(TimeZoneInfo zone, DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).DateTime;
}
