namespace ServerlessSupport.Functions.Hosting;

/// <summary>Runs one invocation in its own DI scope; both hosts come through here.</summary>
internal sealed class FunctionInvoker(IServiceScopeFactory scopes)
{
    public async Task InvokeQueueAsync(FunctionDefinition function, QueueInvocation invocation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = (IQueueFunction)Resolve(scope.ServiceProvider, function);
        await handler.HandleAsync(invocation, cancellationToken);
    }

    public async Task InvokeTimerAsync(FunctionDefinition function, TimerInvocation invocation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = (ITimerFunction)Resolve(scope.ServiceProvider, function);
        await handler.RunAsync(invocation, cancellationToken);
    }

    /// <summary>HTTP endpoints already run in the request's scope.</summary>
    public static IHttpFunction ResolveHttp(IServiceProvider requestServices, FunctionDefinition function) =>
        (IHttpFunction)Resolve(requestServices, function);

    // Registered handlers come from DI; an unregistered type (e.g. a test's) is still constructed with DI's help.
    private static object Resolve(IServiceProvider services, FunctionDefinition function) =>
        ActivatorUtilities.GetServiceOrCreateInstance(services, function.HandlerType);
}
