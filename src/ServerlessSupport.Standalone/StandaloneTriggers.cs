using Microsoft.Extensions.Options;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Storage;

namespace ServerlessSupport.Standalone;

/// <summary>
/// The host's part the Functions host plays in Azure: one queue listener per queue function and one timer runner per timer
/// function, taken from their trigger attributes; every invocation in a scope of its own.
/// </summary>
internal sealed class StandaloneTriggers(
    StandaloneFunctions functions,
    StorageClients storage,
    QueueListenerOptions queueOptions,
    IOptions<HostingOptions> hosting,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly List<QueueListener> _listeners = [];
    private readonly List<TimerRunner> _timers = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<StandaloneTriggers>();
        foreach (var function in functions.All)
        {
            if (function.Queue is { } queue)
            {
                _listeners.Add(new QueueListener(
                    function.Name,
                    queue.QueueName,
                    storage,
                    queueOptions,
                    (message, ct) => InvokeAsync(function, new TriggerInput.Queue(message), ct),
                    time,
                    loggers.CreateLogger($"{typeof(QueueListener).FullName}.{function.Name}")));
                HostingLog.FunctionActive(logger, function.Name, $"queue '{storage.Names.Queue(queue.QueueName)}'");
            }
            else if (function.Timer is { } timer)
            {
                var schedule = ResolveSchedule(function.Name, timer.Schedule);
                _timers.Add(new TimerRunner(
                    function.Name,
                    schedule,
                    storage,
                    hosting.Value.HostId,
                    (firing, ct) => InvokeAsync(function, new TriggerInput.Timer(firing.Info), ct),
                    time,
                    loggers.CreateLogger($"{typeof(TimerRunner).FullName}.{function.Name}")));
                HostingLog.FunctionActive(logger, function.Name, $"timer '{schedule.Expression}' (UTC)");
            }
            else
            {
                HostingLog.FunctionActive(logger, function.Name, $"HTTP {string.Join('|', function.Http!.Methods ?? [])} {function.HttpRoute} ({function.Http.AuthLevel})");
            }
        }

        _listeners.ForEach(l => l.Start());
        _timers.ForEach(t => t.Start());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_listeners.Select(l => l.StopAsync(cancellationToken)).Concat(_timers.Select(t => StopTimerAsync(t, cancellationToken))));
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

    /// <summary>
    /// A <c>%Setting%</c> schedule is resolved from configuration as the Functions host resolves it from app settings;
    /// unset, the standalone host uses every minute (the Functions host would refuse to start the function).
    /// </summary>
    private CronSchedule ResolveSchedule(string function, string schedule)
    {
        var expression = schedule;
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            var setting = schedule[1..^1];
            var configured = configuration[setting] ?? configuration[setting.Replace("__", ":", StringComparison.Ordinal)];
            expression = string.IsNullOrWhiteSpace(configured) ? DefaultSchedule : configured;
        }

        return CronSchedule.TryParse(expression, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"Timer {function}: '{expression}' (from {schedule}) is not a 6-field CRON expression (second minute hour day month day-of-week).");
    }

    public const string DefaultSchedule = "0 * * * * *";

    private async Task InvokeAsync(FunctionEntry function, TriggerInput input, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, input, cancellationToken);
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

/// <summary>The functions this host runs: the app's (<see cref="FunctionIndex.All"/>), plus any a test adds.</summary>
internal sealed record StandaloneFunctions(IReadOnlyList<FunctionEntry> All);
