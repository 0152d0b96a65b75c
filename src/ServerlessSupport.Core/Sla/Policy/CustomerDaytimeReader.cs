using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The <c>customerDaytime</c> section: the daily window automatic notes to a customer are kept to. Left out: on, in
/// <see cref="DefaultHours"/>, in the default calendar's time zone; <c>"enabled": false</c>: any time.
/// </summary>
internal sealed class CustomerDaytimeReader(PolicyReading reading, CalendarsReader calendars)
{
    private const string DefaultHours = "08:00-20:00";

    public CustomerDaytime? Read(CustomerDaytimeDocument? daytime)
    {
        var calendar = new CalendarReader(reading);
        var zone = daytime?.TimeZone is null ? calendars.Default.TimeZone : calendar.TimeZone("customerDaytime.timeZone", daytime.TimeZone);
        if (daytime?.Enabled == false)
        {
            return null;
        }

        var hours = calendar.Interval("customerDaytime.hours", daytime?.Hours ?? DefaultHours);
        return hours is { } window && zone is not null ? new CustomerDaytime(window.From, window.To, zone) : null;
    }
}
