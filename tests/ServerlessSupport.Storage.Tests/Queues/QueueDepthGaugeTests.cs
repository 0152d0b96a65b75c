using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Storage.Queues;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class QueueDepthGaugeTests(AzuriteFixture fixture) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly List<MetricCollector<long>> _collectors = [];

    public void Dispose()
    {
        foreach (var collector in _collectors)
        {
            collector.Dispose();
        }

        _services.Dispose();
    }

    [Fact]
    public async Task Observe_MessagesWaiting_ReportsEveryQueueByItsLogicalName()
    {
        var (_, collector) = await StartGaugeAsync((QueueNames.Inbound, 3), (QueueNames.Outbound + StorageNames.PoisonSuffix, 1));

        var depths = await ObserveUntilAsync(collector, d => d.Count == StorageNames.AllQueues.Count);

        Assert.Equal(3, depths[QueueNames.Inbound]);
        Assert.Equal(0, depths[QueueNames.Outbound]);
        Assert.Equal(0, depths[QueueNames.Inbound + StorageNames.PoisonSuffix]);
        Assert.Equal(1, depths[QueueNames.Outbound + StorageNames.PoisonSuffix]);
    }

    [Fact]
    public async Task Observe_WithinMaxAge_KeepsTheLastCountsUntilTheyAreStale()
    {
        var (clients, collector) = await StartGaugeAsync((QueueNames.Inbound, 1));
        await ObserveUntilAsync(collector, d => d.GetValueOrDefault(QueueNames.Inbound) == 1);

        await SendAsync(clients, QueueNames.Inbound, 2);
        _time.Advance(QueueDepthGauge.MaxAge - TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
        {
            // Each observation would have started a refresh if it thought the counts stale; give one time to land.
            Assert.Equal(1, Observe(collector)[QueueNames.Inbound]);
            await Task.Delay(100);
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        var refreshed = await ObserveUntilAsync(collector, d => d.GetValueOrDefault(QueueNames.Inbound) != 1);

        Assert.Equal(3, refreshed[QueueNames.Inbound]);
    }

    [Fact]
    public async Task Observe_StorageDown_KeepsTheLastCounts()
    {
        var (clients, collector) = await StartGaugeAsync((QueueNames.Inbound, 2));
        await ObserveUntilAsync(collector, d => d.GetValueOrDefault(QueueNames.Inbound) == 2);

        // The same gauge's queues, deleted under it: every refresh now fails (404), as it would with storage unreachable.
        foreach (var queue in StorageNames.AllQueues)
        {
            await clients.Queue(queue).DeleteIfExistsAsync();
        }

        _time.Advance(QueueDepthGauge.MaxAge + TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(2, Observe(collector)[QueueNames.Inbound]);
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Fresh prefixed queues holding <paramref name="waiting"/> messages, a gauge on them, and a collector that sees this
    /// gauge only (it listens to the test's own meter factory).
    /// </summary>
    private async Task<(StorageClients Clients, MetricCollector<long> Collector)> StartGaugeAsync(params (string Queue, int Messages)[] waiting)
    {
        var names = new StorageNames(AzuriteFixture.UniqueName("g")[..12]);
        var clients = new StorageClients(fixture.Azurite.TableService, fixture.Azurite.QueueService, fixture.Azurite.BlobService, names);
        foreach (var queue in StorageNames.AllQueues)
        {
            await clients.Queue(queue).CreateIfNotExistsAsync();
        }

        foreach (var (queue, messages) in waiting)
        {
            await SendAsync(clients, queue, messages);
        }

        var meters = _services.GetRequiredService<IMeterFactory>();
        _ = new QueueDepthGauge(clients, meters, _time, NullLogger<QueueDepthGauge>.Instance);
        var collector = new MetricCollector<long>(meters, SupportTelemetry.Name, SupportTelemetry.QueueDepthName);
        _collectors.Add(collector);
        return (clients, collector);
    }

    private static async Task SendAsync(StorageClients clients, string queue, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await clients.Queue(queue).SendMessageAsync($"message {i}");
        }
    }

    /// <summary>One observation of the gauge: the last value it reported for each queue.</summary>
    private static Dictionary<string, long> Observe(MetricCollector<long> collector)
    {
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot(clear: true)
            .GroupBy(m => (string)m.Tags["queue"]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
    }

    /// <summary>Observes until the counts satisfy <paramref name="done"/> (the first observations start the background refresh).</summary>
    private static async Task<Dictionary<string, long>> ObserveUntilAsync(MetricCollector<long> collector, Func<Dictionary<string, long>, bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var depths = Observe(collector);
            if (done(depths))
            {
                return depths;
            }

            Assert.True(waited.Elapsed < Patience, $"The gauge did not report the expected counts within {Patience}; last: {string.Join(", ", depths)}");
            await Task.Delay(50);
        }
    }
}
