namespace ServerlessSupport.Functions.Hosting.Placeholders;

/// <summary>Stands in for EscalationSweep until its issue replaces this catalog entry.</summary>
internal sealed class EscalationSweepPlaceholder(ILogger<EscalationSweepPlaceholder> logger) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        HostingLog.PlaceholderInvoked(logger, "EscalationSweep");
        return Task.CompletedTask;
    }
}
