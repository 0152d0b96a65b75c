using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The daytime window in which automatic notes may reach a customer (status notes, pending reminders, check-backs and
/// the auto-close note): local <see cref="From"/>–<see cref="To"/> in the customer's time, i.e. the UTC offset of their
/// latest <c>Date</c> header, else <see cref="Zone"/>. An instant at night moves to the window's next start.
/// </summary>
internal sealed record CustomerDaytime(TimeSpan From, TimeSpan To, TimeZoneInfo Zone)
{
    /// <summary><paramref name="at"/> when it falls inside the window in the customer's time, else the window's next start.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset at, TimeSpan? customerOffset)
    {
        if (customerOffset is { } offset)
        {
            var local = at.ToOffset(offset);
            var start = Start(local.DateTime, out var inside);
            return inside ? at : new DateTimeOffset(start, offset).ToUniversalTime();
        }

        var zoned = ZoneTimes.ToLocal(Zone, at);
        var next = Start(zoned, out var within);
        return within ? at : ZoneTimes.ToInstant(Zone, next);
    }

    /// <summary>Whether <paramref name="local"/> is inside the window; if not, the local time the window opens next.</summary>
    private DateTime Start(DateTime local, out bool inside)
    {
        var time = local.TimeOfDay;
        inside = time >= From && time < To;
        return time < From ? local.Date + From : local.Date.AddDays(1) + From;
    }
}
