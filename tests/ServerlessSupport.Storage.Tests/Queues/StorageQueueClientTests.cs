using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Account;
using ServerlessSupport.Storage.Http;
using ServerlessSupport.Storage.Queues;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueClientTests(AzuriteFixture fixture)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CreateIfNotExists_Twice_ReturnsTrueThenFalse()
    {
        var queue = Client(AzuriteFixture.UniqueName("q"));

        Assert.True(await queue.CreateIfNotExistsAsync());
        Assert.False(await queue.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task SendReceiveDelete_OneMessage_IsGoneAfterDelete()
    {
        var queue = await NewQueueAsync();

        var sent = await queue.SendAsync("hello");
        var received = Assert.Single(await queue.ReceiveAsync(10, Long));
        await queue.DeleteAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal("hello", received.Text);
        Assert.Equal(1, received.DequeueCount);
        Assert.NotNull(received.NextVisibleOn);
        Assert.True(received.NextVisibleOn > received.InsertedOn);
        Assert.Empty(await queue.PeekAsync(32));
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Receive_ShortVisibilityTimeout_MessageReturnsWithDequeueCountTwo()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("comes back");

        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1)));

        var again = await PollAsync(() => queue.ReceiveAsync(1, Long));

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
        Assert.NotEqual(first.PopReceipt, again.PopReceipt);
    }

    [Fact]
    public async Task Receive_MessageTaken_IsHiddenFromReceiveAndPeekButCounted()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("mine");
        Assert.Single(await queue.ReceiveAsync(1, Long));

        Assert.Empty(await queue.ReceiveAsync(32, Long));
        Assert.Empty(await queue.PeekAsync(32));
        Assert.Equal(1, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task UpdateVisibility_ReceivedMessage_ReturnsNewPopReceiptAndOldOneFails()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("work");
        var received = Assert.Single(await queue.ReceiveAsync(1, Long));

        var newReceipt = await queue.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, Long);

        Assert.NotEqual(received.PopReceipt, newReceipt);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteAsync(received.MessageId, received.PopReceipt));
        Assert.Contains(ex.Status, new[] { 400, 404 });
        Assert.Empty(await queue.ReceiveAsync(1, Long)); // still hidden by the update
        await queue.DeleteAsync(received.MessageId, newReceipt);
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task UpdateVisibility_ToZero_MakesMessageVisibleAtOnceWithTextKept()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("keep me");
        var received = Assert.Single(await queue.ReceiveAsync(1, Long));

        await queue.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero);

        var peeked = Assert.Single(await queue.PeekAsync(1));
        Assert.Equal("keep me", peeked.Text);
    }

    [Fact]
    public async Task Send_WithVisibilityDelay_HidesMessageButCountsIt()
    {
        var queue = await NewQueueAsync();

        var sent = await queue.SendAsync("later", visibilityDelay: Long);

        Assert.Empty(await queue.PeekAsync(1));
        Assert.Empty(await queue.ReceiveAsync(1, Long));
        Assert.Equal(1, await queue.GetApproximateCountAsync());
        Assert.NotNull(sent.NextVisibleOn);
    }

    [Fact]
    public async Task Peek_VisibleMessage_DoesNotDequeue()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("look");

        var first = Assert.Single(await queue.PeekAsync(5));
        var second = Assert.Single(await queue.PeekAsync(5));
        var received = Assert.Single(await queue.ReceiveAsync(1, Long));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(0, second.DequeueCount);
        Assert.Equal(1, received.DequeueCount);
        Assert.Equal(first.MessageId, received.MessageId);
    }

    [Fact]
    public async Task GetApproximateCount_ThreeMessages_IsThree()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendAsync($"m{i}");
        }

        Assert.Equal(3, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Send_NonAsciiAndXmlSpecialText_RoundTripsAndIsBase64OnTheWire()
    {
        const string text = "Grüße <b>&amp;</b> \"x\" 'y' ]]> 日本語 🎫";
        var recorder = new WireRecorder();
        var queue = await NewQueueAsync(recorder);

        await queue.SendAsync(text);
        var peeked = Assert.Single(await queue.PeekAsync(1));
        var received = Assert.Single(await queue.ReceiveAsync(1, Long));

        Assert.Equal(text, peeked.Text);
        Assert.Equal(text, received.Text);
        var expectedWire = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var put = Assert.Single(recorder.Exchanges, e => e.Method == "POST");
        Assert.Equal(expectedWire, XElement.Parse(put.RequestBody).Element("MessageText")?.Value);
        var peek = Assert.Single(recorder.Exchanges, e => e.Uri.Query.Contains("peekonly=true", StringComparison.Ordinal));
        Assert.Equal(expectedWire, XDocument.Parse(peek.ResponseBody).Root?.Element("QueueMessage")?.Element("MessageText")?.Value);
    }

    [Fact]
    public async Task Receive_MoreThan32Waiting_ReturnsAtMost32()
    {
        var queue = await NewQueueAsync();
        await Task.WhenAll(Enumerable.Range(0, 33).Select(i => queue.SendAsync($"m{i}")));

        var batch = await queue.ReceiveAsync(32, Long);

        Assert.Equal(32, batch.Count);
        Assert.Equal(32, batch.Select(m => m.MessageId).Distinct().Count());
        Assert.Single(await queue.ReceiveAsync(32, Long));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task Receive_BatchSizeOutOfRange_Throws(int maxMessages)
    {
        var queue = Client(AzuriteFixture.UniqueName("q"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(maxMessages, Long));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.PeekAsync(maxMessages));
    }

    [Fact]
    public async Task Receive_VisibilityTimeoutBelowOneSecond_Throws()
    {
        var queue = Client(AzuriteFixture.UniqueName("q"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(1, TimeSpan.Zero));
    }

    [Fact]
    public async Task Send_TimeToLiveNever_ExpiresFarInTheFuture()
    {
        var queue = await NewQueueAsync();

        await queue.SendAsync("forever", timeToLive: TimeSpan.MaxValue);
        var received = Assert.Single(await queue.ReceiveAsync(1, Long));

        Assert.Equal(9999, received.ExpiresOn?.Year);
    }

    [Fact]
    public async Task Send_ShortTimeToLive_ExpiresAtInsertionPlusTtl()
    {
        var queue = await NewQueueAsync();

        await queue.SendAsync("brief", timeToLive: TimeSpan.FromMinutes(5));
        var received = Assert.Single(await queue.ReceiveAsync(1, Long));

        Assert.Equal(received.InsertedOn + TimeSpan.FromMinutes(5), received.ExpiresOn);
    }

    [Fact]
    public async Task Receive_MissingQueue_ThrowsQueueNotFound()
    {
        var queue = Client(AzuriteFixture.UniqueName("q"));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.ReceiveAsync(1, Long));

        Assert.Equal(404, ex.Status);
        Assert.Equal("QueueNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task DeleteIfExists_ExistingThenMissing_RemovesQueueAndDoesNotThrow()
    {
        var queue = await NewQueueAsync();

        await queue.DeleteIfExistsAsync();
        await queue.DeleteIfExistsAsync();

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.GetApproximateCountAsync());
        Assert.Equal(404, ex.Status);
    }

    private StorageQueueClient Client(string name, HttpPipelinePolicy? policy = null)
    {
        var options = new StorageClientOptions();
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        var pipeline = StoragePipeline.Create(fixture.Account, StorageService.Queue, options);
        return new StorageQueueClient(pipeline, fixture.Account.QueueEndpoint, name);
    }

    private async Task<StorageQueueClient> NewQueueAsync(HttpPipelinePolicy? policy = null)
    {
        var queue = Client(AzuriteFixture.UniqueName("q"), policy);
        Assert.True(await queue.CreateIfNotExistsAsync());
        return queue;
    }

    private static async Task<QueueMessageItem> PollAsync(Func<Task<IReadOnlyList<QueueMessageItem>>> receive)
    {
        // Polls for up to 15 s: the bound only stops a broken test from hanging, it asserts nothing about speed.
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if ((await receive()).FirstOrDefault() is { } message)
            {
                return message;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The message did not come back after its visibility timeout.");
    }
}
