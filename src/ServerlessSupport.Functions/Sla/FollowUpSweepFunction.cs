using ServerlessSupport.Core.Sla;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Sla;

/// <summary>FollowUpSweep (timer): customer status notes, pending reminders and auto-close, check-back with survey, close after solve.</summary>
internal sealed class FollowUpSweepFunction(SlaSweepHandler sweep) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken) =>
        sweep.RunAsync(DueKinds.FollowUpSweep, cancellationToken);
}
