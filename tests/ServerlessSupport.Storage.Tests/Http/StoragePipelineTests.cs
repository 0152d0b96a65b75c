using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using ServerlessSupport.Storage.Account;
using ServerlessSupport.Storage.Http;
using ServerlessSupport.Storage.Queues;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Http;

public sealed class StoragePipelineTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("pipeline test key");

    private static StorageAccount KeyAccount() => new(
        "myaccount",
        new Uri("https://myaccount.blob.core.windows.net/"),
        new Uri("https://myaccount.queue.core.windows.net/"),
        new Uri("https://myaccount.table.core.windows.net/"),
        Key,
        null);

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Send_ServerErrorEveryTime_RetriesThenThrowsWithStatus(HttpStatusCode status)
    {
        var handler = new FakeHandler(status);
        var pipeline = StoragePipeline.Create(KeyAccount(), StorageService.Queue, handler.Options(maxRetries: 3));
        var queue = new StorageQueueClient(pipeline, KeyAccount().QueueEndpoint, "myqueue");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.GetApproximateCountAsync());

        Assert.Equal((int)status, ex.Status);
        Assert.Equal(4, handler.Requests.Count); // the first attempt and three retries
    }

    [Fact]
    public async Task Send_ServiceUnavailableThenOk_SucceedsOnRetry()
    {
        var handler = new FakeHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        var pipeline = StoragePipeline.Create(KeyAccount(), StorageService.Queue, handler.Options());
        var queue = new StorageQueueClient(pipeline, KeyAccount().QueueEndpoint, "myqueue");

        var count = await queue.GetApproximateCountAsync();

        Assert.Equal(7, count);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Send_NotFound_IsNotRetried()
    {
        var handler = new FakeHandler(HttpStatusCode.NotFound);
        var pipeline = StoragePipeline.Create(KeyAccount(), StorageService.Queue, handler.Options());
        var queue = new StorageQueueClient(pipeline, KeyAccount().QueueEndpoint, "myqueue");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => queue.GetApproximateCountAsync());

        Assert.Equal(404, ex.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Send_SharedKeyAccount_SignsWithPinnedDateAndHandWrittenStringToSign()
    {
        var handler = new FakeHandler(HttpStatusCode.OK);
        var options = handler.Options();
        options.TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var pipeline = StoragePipeline.Create(KeyAccount(), StorageService.Queue, options);
        var queue = new StorageQueueClient(pipeline, KeyAccount().QueueEndpoint, "myqueue");

        await queue.GetApproximateCountAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Mon, 05 Jan 2026 09:00:00 GMT", request.Headers["x-ms-date"]);
        Assert.Equal(StorageClientOptions.ApiVersion, request.Headers["x-ms-version"]);
        var stringToSign =
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            $"x-ms-client-request-id:{request.Headers["x-ms-client-request-id"]}\n" +
            "x-ms-date:Mon, 05 Jan 2026 09:00:00 GMT\n" +
            $"x-ms-return-client-request-id:{request.Headers["x-ms-return-client-request-id"]}\n" +
            "x-ms-version:2024-11-04\n" +
            "/myaccount/myqueue\n" +
            "comp:metadata";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(stringToSign)));
        Assert.Equal($"SharedKey myaccount:{signature}", request.Headers["Authorization"]);
    }
}
