using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServerlessSupport.Storage.Hosting;

/// <summary>
/// Creates the tables, queues (with their poison queues) and containers the app uses. It tries once at start; if storage
/// is not reachable yet the app still starts (health says so) and creation is retried in the background.
/// </summary>
internal sealed partial class StorageInitializer(StorageClients clients, TimeProvider time, ILogger<StorageInitializer> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await CreateAllAsync(timeout.Token);
            _ready.TrySetResult();
        }
        catch (Exception ex) when (StorageFaults.IsStorageFault(ex, cancellationToken))
        {
            LogNotYet(logger, ex.Message);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!_ready.Task.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(delay, time, stoppingToken);
            try
            {
                await CreateAllAsync(stoppingToken);
                _ready.TrySetResult();
            }
            catch (Exception ex) when (StorageFaults.IsStorageFault(ex, stoppingToken))
            {
                LogNotYet(logger, ex.Message);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    private async Task CreateAllAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(StorageNames.AllTables.Select(t => clients.Table(t).CreateIfNotExistsAsync(cancellationToken)));
        work.AddRange(StorageNames.AllContainers.Select(c => clients.Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(StorageNames.AllQueues.Select(q => clients.Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
        LogReady(logger, clients.Names.Prefix);
    }

    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Storage tables, queues and containers are ready (prefix '{Prefix}')")]
    private static partial void LogReady(ILogger logger, string prefix);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Storage is not reachable yet; creating tables, queues and containers later: {Reason}")]
    private static partial void LogNotYet(ILogger logger, string reason);
}
