using ServerlessSupport.Storage.Account;
using ServerlessSupport.Storage.Blobs;
using ServerlessSupport.Storage.Http;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Blobs;

/// <summary>Builds container clients on the shared Azurite.</summary>
internal static class BlobTestContext
{
    public static StorageBlobContainerClient Container(AzuriteFixture fixture, string? name = null) =>
        new(StoragePipeline.Create(fixture.Account, StorageService.Blob), fixture.Account.BlobEndpoint, name ?? AzuriteFixture.UniqueName("c"));

    public static async Task<StorageBlobContainerClient> NewContainerAsync(AzuriteFixture fixture)
    {
        var container = Container(fixture);
        Assert.True(await container.CreateIfNotExistsAsync());
        return container;
    }
}
