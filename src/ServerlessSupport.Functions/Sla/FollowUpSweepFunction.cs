using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Sweeps;

namespace ServerlessSupport.Functions.Sla;

/// <summary>FollowUpSweep (timer): customer status notes, pending reminders and auto-close, check-back with survey, close after solve.</summary>
internal sealed class FollowUpSweepFunction(SlaSweepHandler sweep)
{
    [Function("FollowUpSweep")]
    public Task RunAsync([TimerTrigger("%Support:FollowUpSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        SweepSpan.RunAsync(sweep, "FollowUpSweep", DueKinds.FollowUpSweep, cancellationToken);
}
