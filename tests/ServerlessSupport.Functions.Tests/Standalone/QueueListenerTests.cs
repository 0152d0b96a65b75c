using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Azure.Storage.Queues.Models;
using ServerlessSupport.Standalone;
using Azure.Storage.Queues;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Standalone;

/// <summary>The standalone queue trigger against a real Azurite queue.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueListenerTests(AzuriteFixture fixture)
{
    private static readonly QueueListenerOptions Fast = new() { MaxPollingInterval = TimeSpan.FromMilliseconds(200) };

    private readonly StorageClients _storage = fixture.Clients();

    [Fact]
    public async Task Listener_HandlerAlwaysFails_MovesMessageToPoisonAfterExactlyFiveDeliveries()
    {
        var queue = await CreateQueueAsync();
        await queue.SendMessageAsync("{\"blob\":\"inbound/1.json\"}");
        var deliveries = new ConcurrentQueue<long>();
        var poison = _storage.Queue(queue.Name + "-poison");

        await using (var listener = Listener(queue, Fast, (invocation, _) =>
        {
            deliveries.Enqueue(invocation.DequeueCount);
            throw new InvalidOperationException("always fails");
        }))
        {
            listener.Start();
            await Eventually.TrueAsync(async () => (await poison.PeekAllAsync()).Length == 1, "the message in the poison queue");
            await listener.StopAsync(CancellationToken.None);
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], deliveries);
        var moved = Assert.Single(await poison.PeekAllAsync());
        Assert.Equal("{\"blob\":\"inbound/1.json\"}", moved.Body.ToString());
        Assert.Empty(await queue.PeekAllAsync());
        Assert.Equal(0, await queue.CountAsync());
    }

    [Fact]
    public async Task Listener_HandlerFailsOnce_MessageReturnsOnlyAfterVisibilityTimeout()
    {
        var queue = await CreateQueueAsync();
        await queue.SendMessageAsync("retry me");
        var options = Fast with { VisibilityTimeout = TimeSpan.FromSeconds(2) };
        var calls = new ConcurrentQueue<(long DequeueCount, long At)>();

        await using (var listener = Listener(queue, options, (invocation, _) =>
        {
            calls.Enqueue((invocation.DequeueCount, Environment.TickCount64));
            return invocation.DequeueCount == 1 ? throw new InvalidOperationException("first try fails") : Task.CompletedTask;
        }))
        {
            listener.Start();
            await Eventually.TrueAsync(() => calls.Count >= 2, "the second delivery");
            await Eventually.TrueAsync(async () => (await queue.PeekAllAsync()).Length == 0, "the message deleted after success");
            await listener.StopAsync(CancellationToken.None);
        }

        var deliveries = calls.ToArray();
        Assert.Equal(2, deliveries.Length);
        Assert.Equal(2, deliveries[1].DequeueCount);
        Assert.True(
            deliveries[1].At - deliveries[0].At >= 1500,
            $"Redelivered after {deliveries[1].At - deliveries[0].At} ms; the visibility timeout is 2 s.");
    }

    [Fact]
    public async Task Listener_HandlerSucceeds_DeletesEveryMessage()
    {
        var queue = await CreateQueueAsync();
        var sent = Enumerable.Range(0, 20).Select(i => $"message {i}").ToArray();
        foreach (var text in sent)
        {
            await queue.SendMessageAsync(text);
        }

        var seen = new ConcurrentBag<string>();
        await using (var listener = Listener(queue, Fast with { BatchSize = 4, NewBatchThreshold = 1 }, (invocation, _) =>
        {
            seen.Add(invocation.Body.ToString());
            return Task.CompletedTask;
        }))
        {
            listener.Start();
            await Eventually.TrueAsync(async () => (await queue.PeekAllAsync()).Length == 0 && seen.Count >= sent.Length, "every message handled and deleted");
            await listener.StopAsync(CancellationToken.None);
        }

        Assert.Equal(sent.Order(), seen.Order());
        Assert.Equal(0, await queue.CountAsync());
    }

    [Fact]
    public async Task StopAsync_ShutdownTimeoutWhileHandlerRuns_MakesMessageVisibleAgain()
    {
        var queue = await CreateQueueAsync();
        await queue.SendMessageAsync("slow");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var listener = Listener(queue, Fast, async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        listener.Start();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(await queue.PeekAllAsync());

        using (var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await listener.StopAsync(shutdownTimeout.Token);
        }

        await listener.DisposeAsync();
        var back = Assert.Single(await queue.PeekAllAsync());
        Assert.Equal("slow", back.Body.ToString());
        Assert.Equal(1, back.DequeueCount);
    }

    private async Task<QueueClient> CreateQueueAsync()
    {
        var queue = _storage.Queue(AzuriteFixture.UniqueName("q"));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private QueueListener Listener(QueueClient queue, QueueListenerOptions options, Func<QueueMessage, CancellationToken, Task> handler) =>
        new("Test", queue.Name, _storage, options, handler, TimeProvider.System, NullLogger.Instance);
}
