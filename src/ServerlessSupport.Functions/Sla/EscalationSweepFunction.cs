using ServerlessSupport.Core.Sla;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Sla;

/// <summary>EscalationSweep (timer): target reminders and escalation levels, in order, once each.</summary>
internal sealed class EscalationSweepFunction(SlaSweepHandler sweep) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) =>
        sweep.RunAsync(DueKinds.EscalationSweep, cancellationToken);
}
