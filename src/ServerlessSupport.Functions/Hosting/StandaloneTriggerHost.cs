using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Functions.Settings;
using ServerlessSupport.Storage;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>Standalone mode: one queue listener per queue function and one timer runner per timer function.</summary>
internal sealed class StandaloneTriggerHost(
    FunctionCatalog catalog,
    FunctionInvoker invoker,
    StorageClients storage,
    QueueListenerOptions queueOptions,
    IOptions<HostingOptions> hosting,
    IConfiguration configuration,
    IIntakeRecords records,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly List<QueueListener> _listeners = [];
    private readonly List<TimerRunner> _timers = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<StandaloneTriggerHost>();
        foreach (var function in catalog.Queues)
        {
            var trigger = (QueueFunctionTrigger)function.Trigger;
            var listener = new QueueListener(
                function,
                storage,
                queueOptions,
                (invocation, ct) => invoker.InvokeQueueAsync(function, invocation, ct),
                time,
                loggers.CreateLogger($"{typeof(QueueListener).FullName}.{function.Name}"),
                trigger.QueueName == QueueNames.Inbound ? RecordPoisonAsync : null);
            _listeners.Add(listener);
            HostingLog.FunctionActive(logger, function.Name, $"queue '{trigger.QueueName}'");
        }

        foreach (var function in catalog.Timers)
        {
            var schedule = TimerScheduleResolver.Resolve((TimerFunctionTrigger)function.Trigger, configuration);
            var runner = new TimerRunner(
                function,
                schedule,
                storage,
                hosting.Value.HostId,
                (invocation, ct) => invoker.InvokeTimerAsync(function, invocation, ct),
                time,
                loggers.CreateLogger($"{typeof(TimerRunner).FullName}.{function.Name}"));
            _timers.Add(runner);
            HostingLog.FunctionActive(logger, function.Name, $"timer '{schedule.Expression}' (UTC)");
        }

        foreach (var function in catalog.Http)
        {
            var trigger = (HttpFunctionTrigger)function.Trigger;
            HostingLog.FunctionActive(logger, function.Name, $"HTTP {string.Join('|', trigger.Methods)} {trigger.Path}");
        }

        _listeners.ForEach(l => l.Start());
        _timers.ForEach(t => t.Start());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            _listeners.Select(l => l.StopAsync(cancellationToken))
                .Concat(_timers.Select(t => StopTimerAsync(t, cancellationToken))));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners)
        {
            await listener.DisposeAsync();
        }

        foreach (var timer in _timers)
        {
            await timer.DisposeAsync();
        }
    }

    /// <summary>An inbound message given up on is recorded, so agents see it next to quarantined mail.</summary>
    private Task RecordPoisonAsync(QueueInvocation invocation, Exception failure, CancellationToken cancellationToken)
    {
        string? blob = null;
        try
        {
            // An inline payload stays in the poison message; only a stored one has a blob to name.
            var pointer = System.Text.Json.JsonSerializer.Deserialize(invocation.Text, CoreJsonContext.Default.InboundPointer);
            blob = pointer is { IsInline: false } ? pointer.Blob : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a pointer: the record still names the queue message.
        }

        var reason = $"moved to {invocation.QueueName}-poison after {invocation.DequeueCount} deliveries: {failure.GetType().Name}: {failure.Message}";
        var record = new IntakeRecord("poison_" + invocation.MessageId, IntakeRecord.Poison, time.GetUtcNow(), reason, blob is { Length: <= 1_000 } ? blob : null, null, null);
        return records.RecordAsync(record, cancellationToken);
    }

    private static async Task StopTimerAsync(TimerRunner timer, CancellationToken cancellationToken)
    {
        try
        {
            await timer.StopAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown timeout: an interrupted timer run is left unrecorded and fires as past due next start.
        }
    }
}
