using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Sweeps;

namespace ServerlessSupport.Functions.Sla;

/// <summary>EscalationSweep (timer): target reminders and escalation levels, in order, once each.</summary>
internal sealed class EscalationSweepFunction(SlaSweepHandler sweep)
{
    [Function("EscalationSweep")]
    public Task RunAsync([TimerTrigger("%Support:EscalationSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        SweepSpan.RunAsync(sweep, "EscalationSweep", DueKinds.EscalationSweep, cancellationToken);
}
