using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests;

/// <summary>The shared Azurite through the app's own storage clients, and a few queue reads the tests repeat.</summary>
internal static class TestStorage
{
    /// <summary>The app's clients on the fixture's Azurite (no prefix unless given).</summary>
    public static StorageClients Clients(this AzuriteFixture fixture, string? prefix = null) =>
        new(fixture.Azurite.TableService, fixture.Azurite.QueueService, fixture.Azurite.BlobService, new StorageNames(prefix));

    /// <summary>Up to 32 visible messages without taking them; none when the queue does not exist (yet).</summary>
    public static async Task<PeekedMessage[]> PeekAllAsync(this QueueClient queue)
    {
        try
        {
            return (await queue.PeekMessagesAsync(32)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    public static async Task<int> CountAsync(this QueueClient queue, CancellationToken cancellationToken = default) =>
        (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
}
