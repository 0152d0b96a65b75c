namespace ServerlessSupport.Functions.Hosting.Placeholders;

/// <summary>Stands in for FollowUpSweep until its issue replaces this catalog entry.</summary>
internal sealed class FollowUpSweepPlaceholder(ILogger<FollowUpSweepPlaceholder> logger) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        HostingLog.PlaceholderInvoked(logger, "FollowUpSweep");
        return Task.CompletedTask;
    }
}
