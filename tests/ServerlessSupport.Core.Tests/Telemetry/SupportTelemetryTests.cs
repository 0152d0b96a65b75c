using System.Diagnostics.Metrics;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Core.Tests.Sla;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;
using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Tests.Telemetry;

public sealed class SupportTelemetryTests
{
    [Fact]
    public void SweepActed_ReminderBreachAndManagerLevels_CountsOneBreachForTheMissedTarget()
    {
        var planner = new SlaPlanner(ShippedPolicy);
        var ticket = new SlaTicketBuilder().Created(planner, Utc(2026, 1, 5, 9));
        var decision = planner.DueActions(ticket, DueKinds.EscalationSweep, Utc(2026, 1, 5, 17));
        var breaches = new List<(long Value, string? Target, string? Priority)>();
        using var listener = BreachListener(breaches);

        SupportTelemetry.SweepActed(DueKinds.EscalationSweep, decision.Actions);

        // Three levels fired (reminder at 75 %, breach at 100 %, manager after it): only the first at 100 % is a breach.
        Assert.Equal(3, decision.Actions.Count);
        Assert.Equal([(1L, "FirstResponse", "Normal")], breaches);
    }

    private static MeterListener BreachListener(List<(long, string?, string?)> breaches)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SupportTelemetry.Name && instrument.Name == SupportTelemetry.SlaBreachesName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? target = null, priority = null;
            foreach (var tag in tags)
            {
                target = tag.Key == "target" ? tag.Value?.ToString() : target;
                priority = tag.Key == "priority" ? tag.Value?.ToString() : priority;
            }

            lock (breaches)
            {
                breaches.Add((value, target, priority));
            }
        });
        listener.Start();
        return listener;
    }
}
