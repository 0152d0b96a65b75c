using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Storage.Intake;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Intake;

[Collection(AzuriteCollection.Name)]
public sealed class TableSenderThrottleTests(AzuriteFixture fixture)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 10, 5, 0, TimeSpan.Zero));

    private async Task<TableSenderThrottle> CreateAsync()
    {
        return new TableSenderThrottle(await fixture.NewTableAsync("senders"), _clock, new AutoReplyLimit(5, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task TryConsumeAsync_SixthReplyInOneHour_IsRefused()
    {
        var throttle = await CreateAsync();

        var answers = new List<bool>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await throttle.TryConsumeAsync("robot@example.com", default));
        }

        Assert.Equal([true, true, true, true, true, false], answers);
        Assert.True(await throttle.TryConsumeAsync("someone-else@example.com", default));
    }

    [Fact]
    public async Task TryConsumeAsync_NextWindow_CountsAfresh()
    {
        var throttle = await CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await throttle.TryConsumeAsync("Robot@Example.com", default);
        }

        Assert.False(await throttle.TryConsumeAsync("robot@example.com", default));
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.True(await throttle.TryConsumeAsync("robot@example.com", default));
    }

    [Fact]
    public async Task TryConsumeAsync_NewSender_OneStorageCallThenThreeForAKnownOne()
    {
        var counter = new StorageCallCounter();
        var table = counter.TableService(fixture.Azurite).GetTableClient(AzuriteFixture.UniqueName("senders"));
        await table.CreateIfNotExistsAsync();
        var throttle = new TableSenderThrottle(table, _clock, new AutoReplyLimit(5, TimeSpan.FromHours(1)));
        counter.Reset();

        Assert.True(await throttle.TryConsumeAsync("new@example.com", default));
        var first = counter.Calls;
        counter.Reset();
        Assert.True(await throttle.TryConsumeAsync("new@example.com", default));

        Assert.Equal(["POST"], first.Select(c => c.Split(' ')[0]));
        Assert.Equal(["POST", "GET", "PUT"], counter.Calls.Select(c => c.Split(' ')[0]));
    }

    [Fact]
    public async Task TryConsumeAsync_ConcurrentCallers_NeverGrantMoreThanTheCap()
    {
        var throttle = await CreateAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => throttle.TryConsumeAsync("loop@example.com", default)));

        Assert.InRange(answers.Count(a => a), 1, 5);
    }
}
