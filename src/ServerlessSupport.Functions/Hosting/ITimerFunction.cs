namespace ServerlessSupport.Functions.Hosting;

/// <summary>A timer-triggered function. A failed run is logged and not retried; the next occurrence runs as usual.</summary>
internal interface ITimerFunction
{
    Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken);
}
