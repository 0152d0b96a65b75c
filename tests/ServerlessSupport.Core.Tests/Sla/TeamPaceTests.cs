using Microsoft.Extensions.Time.Testing;
using Moq;
using ServerlessSupport.Core.Tickets;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;
using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class TeamPaceTests
{
    [Fact]
    public async Task CurrentAsync_ManyCallers_ReadsOncePerRefreshInterval()
    {
        var time = new FakeTimeProvider(Utc(2026, 1, 5, 9));
        var samples = NoResolutions();
        samples.Setup(s => s.ReadFirstResponsesSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([.. Enumerable.Range(1, 10).Select(h => new PaceSample(Priority.Normal, TimeSpan.FromHours(h)))]);
        var pace = new TeamPace(samples.Object, ShippedPolicy, time);

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => pace.CurrentAsync(default)));
        time.Advance(TimeSpan.FromMinutes(4));
        await pace.CurrentAsync(default);
        samples.Verify(s => s.ReadFirstResponsesSinceAsync(Utc(2026, 1, 5, 9).AddDays(-7), It.IsAny<CancellationToken>()), Times.Once);

        time.Advance(TimeSpan.FromMinutes(1));
        await pace.CurrentAsync(default);
        samples.Verify(s => s.ReadFirstResponsesSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Exactly(2));

        // Nearest rank: the 80th percentile of 1h..10h is 8h.
        Assert.All(snapshots, s => Assert.Equal(new PaceFigure(TimeSpan.FromHours(8), 10), s.ByPriority[Priority.Normal]));
    }

    [Fact]
    public async Task CurrentAsync_AfterAFailedRead_ReadsAgain()
    {
        var samples = NoResolutions();
        samples.SetupSequence(s => s.ReadFirstResponsesSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("storage down"))
            .ReturnsAsync([]);
        var pace = new TeamPace(samples.Object, ShippedPolicy, new FakeTimeProvider(Utc(2026, 1, 5, 9)));

        await Assert.ThrowsAsync<IOException>(() => pace.CurrentAsync(default));
        Assert.Empty((await pace.CurrentAsync(default)).ByPriority);
    }

    [Fact]
    public async Task CurrentAsync_RefreshStillReading_ServesTheOlderFiguresWithoutWaiting()
    {
        var time = new FakeTimeProvider(Utc(2026, 1, 5, 9));
        var slowRead = new TaskCompletionSource<IReadOnlyList<PaceSample>>();
        var samples = NoResolutions();
        samples.SetupSequence(s => s.ReadFirstResponsesSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new PaceSample(Priority.Normal, TimeSpan.FromHours(1))])
            .Returns(slowRead.Task);
        var pace = new TeamPace(samples.Object, ShippedPolicy, time);
        await pace.CurrentAsync(default);
        time.Advance(TeamPace.RefreshInterval);

        var during = pace.CurrentAsync(default);
        var again = pace.CurrentAsync(default);

        Assert.True(during.IsCompletedSuccessfully && again.IsCompletedSuccessfully, "a caller waited for the refresh");
        Assert.Equal(TimeSpan.FromHours(1), (await during).ByPriority[Priority.Normal].Percentile);
        samples.Verify(s => s.ReadFirstResponsesSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Exactly(2));

        slowRead.SetResult([new PaceSample(Priority.Normal, TimeSpan.FromHours(3))]);
        var after = await pace.CurrentAsync(default);
        for (var i = 0; i < 200 && after.ByPriority[Priority.Normal].Percentile != TimeSpan.FromHours(3); i++)
        {
            // The refresh finishes on the thread pool; give it a moment.
            await Task.Delay(10);
            after = await pace.CurrentAsync(default);
        }

        Assert.Equal(TimeSpan.FromHours(3), after.ByPriority[Priority.Normal].Percentile);
    }

    [Fact]
    public async Task CurrentAsync_RefreshFails_KeepsTheOlderFiguresAndTriesAgain()
    {
        var time = new FakeTimeProvider(Utc(2026, 1, 5, 9));
        var samples = NoResolutions();
        samples.SetupSequence(s => s.ReadFirstResponsesSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new PaceSample(Priority.Normal, TimeSpan.FromHours(1))])
            .ThrowsAsync(new IOException("storage down"))
            .ReturnsAsync([new PaceSample(Priority.Normal, TimeSpan.FromHours(2))]);
        var pace = new TeamPace(samples.Object, ShippedPolicy, time);
        await pace.CurrentAsync(default);
        time.Advance(TeamPace.RefreshInterval);

        Assert.Equal(TimeSpan.FromHours(1), (await pace.CurrentAsync(default)).ByPriority[Priority.Normal].Percentile);
        await pace.CurrentAsync(default);
        Assert.Equal(TimeSpan.FromHours(2), (await pace.CurrentAsync(default)).ByPriority[Priority.Normal].Percentile);
    }

    /// <summary>Samples whose resolution read is empty: these tests are about the first responses' cache.</summary>
    private static Mock<IPaceSamples> NoResolutions()
    {
        var samples = new Mock<IPaceSamples>();
        samples.Setup(s => s.ReadResolutionsSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        return samples;
    }
}
