using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Standalone;

namespace ServerlessSupport.Functions.Tests.Standalone;

public sealed class BackoffTests
{
    [Fact]
    public void Next_DoublesWithJitterUpToMax_ThenResetStartsAgain()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), new Random(7));

        var waits = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds).ToList();
        backoff.Reset();
        var again = backoff.Next().TotalSeconds;

        Assert.InRange(waits[0], 0.8, 1.2);
        Assert.InRange(waits[1], 1.6, 2.4);
        Assert.InRange(waits[2], 3.2, 4.8);
        Assert.All(waits.Skip(3), w => Assert.InRange(w, 4.0, 5.0));
        Assert.InRange(again, 0.8, 1.2);
    }

    [Fact]
    public void Fixed_AlwaysTheSameWait()
    {
        var backoff = Backoff.Fixed(TimeSpan.FromSeconds(5));

        Assert.All(Enumerable.Range(0, 4), _ => Assert.Equal(TimeSpan.FromSeconds(5), backoff.Next()));
    }

    [Fact]
    public async Task UntilDoneAsync_StepFailsTwice_WaitsEachFailureOutThenSucceeds()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var failures = new List<TimeSpan>();
        var backoff = Backoff.Fixed(TimeSpan.FromSeconds(5));

        var run = backoff.UntilDoneAsync(
            _ => ++attempts < 3 ? throw new IOException("storage down") : Task.CompletedTask,
            (_, wait) => failures.Add(wait),
            time,
            CancellationToken.None);
        for (var i = 0; i < 2 && !run.IsCompleted; i++)
        {
            await WaitUntilAsync(() => failures.Count == i + 1);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.True(await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, attempts);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], failures);
    }

    [Fact]
    public async Task UntilDoneAsync_HostStopsWhileWaiting_ReturnsFalse()
    {
        using var stopping = new CancellationTokenSource();
        var backoff = Backoff.Fixed(TimeSpan.FromMinutes(1));

        var run = backoff.UntilDoneAsync(_ => throw new IOException("storage down"), (_, _) => stopping.Cancel(), new FakeTimeProvider(), stopping.Token);

        Assert.False(await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
