using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The <c>pending</c> section: reminders while a ticket waits on the customer, then the auto-close.</summary>
internal sealed class PendingReader(PolicyReading reading, CalendarsReader calendars)
{
    public PendingPolicy Read(PendingDocument? pending)
    {
        if (pending is null)
        {
            // Left out: no reminders and no auto-close.
            return new PendingPolicy([], null);
        }

        var clock = calendars.Clock("pending", pending.Clock, pending.Calendar);
        var reminders = new List<SlaTargetSpec>();
        TimeSpan? previous = null;
        for (var i = 0; i < (pending.Reminders?.Count ?? 0); i++)
        {
            var path = $"pending.reminders[{i}]";
            if (reading.Spec(path, pending.Reminders![i], clock) is not { } reminder)
            {
                continue;
            }

            if (previous is { } p && reminder.Duration <= p)
            {
                reading.Error(path, $"must be later than the previous reminder ({PolicyDuration.Format(p)})");
            }

            previous = reminder.Duration;
            reminders.Add(reminder);
        }

        SlaTargetSpec? autoClose = null;
        if (pending.AutoCloseAfter is not null)
        {
            autoClose = reading.Spec("pending.autoCloseAfter", pending.AutoCloseAfter, clock);
            if (autoClose is not null && previous is { } last && autoClose.Duration <= last)
            {
                reading.Error("pending.autoCloseAfter", $"must be later than the last reminder ({PolicyDuration.Format(last)})");
            }
        }

        return new PendingPolicy(reminders, autoClose);
    }
}
