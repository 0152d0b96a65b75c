namespace ServerlessSupport.Functions.Hosting;

/// <summary>A queue-triggered function. Throwing fails the delivery: it is retried, then moved to <c>&lt;queue&gt;-poison</c>.</summary>
internal interface IQueueFunction
{
    Task HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken);
}
