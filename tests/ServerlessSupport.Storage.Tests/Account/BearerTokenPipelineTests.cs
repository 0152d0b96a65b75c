using System.Net;
using Azure.Core;
using Moq;
using ServerlessSupport.Storage.Account;
using ServerlessSupport.Storage.Http;
using ServerlessSupport.Storage.Queues;
using ServerlessSupport.Storage.Tests.Http;

namespace ServerlessSupport.Storage.Tests.Account;

public sealed class BearerTokenPipelineTests
{
    [Fact]
    public async Task Send_IdentityAccount_SendsBearerTokenForStorageScope()
    {
        var scopes = new List<string[]>();
        var credential = new Mock<TokenCredential>();
        var token = new AccessToken("token-123", new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        credential
            .Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .Callback<TokenRequestContext, CancellationToken>((context, _) => scopes.Add(context.Scopes))
            .ReturnsAsync(token);
        credential
            .Setup(c => c.GetToken(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .Callback<TokenRequestContext, CancellationToken>((context, _) => scopes.Add(context.Scopes))
            .Returns(token);
        var account = StorageSettings.Resolve(
            "AzureWebJobsStorage",
            name => name == "AzureWebJobsStorage__accountName" ? "contoso" : null,
            () => credential.Object);
        var handler = new FakeHandler(HttpStatusCode.OK);
        var queue = new StorageQueueClient(
            StoragePipeline.Create(account, StorageService.Queue, handler.Options()), account.QueueEndpoint, "myqueue");

        await queue.GetApproximateCountAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-123", request.Headers["Authorization"]);
        Assert.Equal(new Uri("https://contoso.queue.core.windows.net/myqueue?comp=metadata"), request.Uri);
        Assert.Equal([StoragePipeline.TokenScope], Assert.Single(scopes));
        Assert.Equal("https://storage.azure.com/.default", StoragePipeline.TokenScope);
    }
}
