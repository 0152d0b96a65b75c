using Microsoft.Extensions.Time.Testing;
using Moq;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Tickets;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class TeamPaceTests
{
    [Fact]
    public async Task CurrentAsync_ManyCallers_ReadsOncePerRefreshInterval()
    {
        var time = new FakeTimeProvider(Utc(2026, 1, 5, 9));
        var samples = new Mock<IFirstResponseSamples>();
        samples.Setup(s => s.ReadSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([.. Enumerable.Range(1, 10).Select(h => new FirstResponseSample(Priority.Normal, TimeSpan.FromHours(h)))]);
        var pace = new TeamPace(samples.Object, ShippedPolicy, time);

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => pace.CurrentAsync(default)));
        time.Advance(TimeSpan.FromMinutes(4));
        await pace.CurrentAsync(default);
        samples.Verify(s => s.ReadSinceAsync(Utc(2026, 1, 5, 9).AddDays(-7), It.IsAny<CancellationToken>()), Times.Once);

        time.Advance(TimeSpan.FromMinutes(1));
        await pace.CurrentAsync(default);
        samples.Verify(s => s.ReadSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Exactly(2));

        // Nearest rank: the 80th percentile of 1h..10h is 8h.
        Assert.All(snapshots, s => Assert.Equal(new PaceFigure(TimeSpan.FromHours(8), 10), s.ByPriority[Priority.Normal]));
    }

    [Fact]
    public async Task CurrentAsync_AfterAFailedRead_ReadsAgain()
    {
        var samples = new Mock<IFirstResponseSamples>();
        samples.SetupSequence(s => s.ReadSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("storage down"))
            .ReturnsAsync([]);
        var pace = new TeamPace(samples.Object, ShippedPolicy, new FakeTimeProvider(Utc(2026, 1, 5, 9)));

        await Assert.ThrowsAsync<IOException>(() => pace.CurrentAsync(default));
        Assert.Empty((await pace.CurrentAsync(default)).ByPriority);
    }
}
