using System.Diagnostics.Metrics;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Telemetry;

namespace ServerlessSupport.Storage.Queues;

/// <summary>
/// The <c>support.queue.depth</c> gauge: the approximate message count of every work and poison queue. A metrics reader
/// observes gauges synchronously, so it gets the counts of the last refresh; an observation that finds them older than
/// <see cref="MaxAge"/> starts one background refresh (one Get Queue Metadata per queue). Nothing is read while no exporter
/// observes the gauge.
/// </summary>
internal sealed partial class QueueDepthGauge : IHostedService
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<(string Name, QueueClient Client)> _queues;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueDepthGauge> _logger;
    private readonly Dictionary<string, long> _depths = [];
    private readonly Lock _gate = new();
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private int _refreshing;

    public QueueDepthGauge(StorageClients clients, IMeterFactory meters, TimeProvider time, ILogger<QueueDepthGauge> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(meters);
        _queues = [.. StorageNames.AllQueues.Select(q => (q, clients.Queue(q)))];
        _time = time;
        _logger = logger;

        // A Meter of this host's factory (same name as the app's): the instrument goes when the container is disposed, and
        // a listener scoped to the factory (MetricCollector in the tests) sees this host's gauge and no other's.
        meters.Create(SupportTelemetry.Name).CreateObservableGauge(SupportTelemetry.QueueDepthName, Observe, "{message}", "Approximate messages waiting, by queue (refreshed at most every 30 s).");
    }

    /// <summary>Refreshes now and waits for it (what an observation starts in the background).</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, client) in _queues)
        {
            try
            {
                var properties = await client.GetPropertiesAsync(cancellationToken);
                lock (_gate)
                {
                    _depths[name] = properties.Value.ApproximateMessagesCount;
                }
            }
            catch (RequestFailedException ex)
            {
                LogRefreshFailed(_logger, name, ex.Status);
            }
        }

        lock (_gate)
        {
            _refreshedAt = _time.GetUtcNow();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private List<Measurement<long>> Observe()
    {
        List<Measurement<long>> measurements;
        bool stale;
        lock (_gate)
        {
            measurements = [.. _depths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key)))];
            stale = _time.GetUtcNow() - _refreshedAt > MaxAge;
        }

        if (stale && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RefreshAsync(CancellationToken.None);
                }
#pragma warning disable CA1031 // A background refresh must never crash the process; the gauge just stays stale.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogRefreshError(_logger, ex);
                }
                finally
                {
                    Interlocked.Exchange(ref _refreshing, 0);
                }
            });
        }

        return measurements;
    }

    [LoggerMessage(EventId = 8400, Level = LogLevel.Debug, Message = "Queue depth of {Queue} not read (status {Status}); the gauge keeps its last value")]
    private static partial void LogRefreshFailed(ILogger logger, string queue, int status);

    [LoggerMessage(EventId = 8401, Level = LogLevel.Warning, Message = "Queue depth refresh failed; the gauge keeps its last values")]
    private static partial void LogRefreshError(ILogger logger, Exception exception);
}
