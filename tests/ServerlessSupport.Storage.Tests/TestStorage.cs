using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests;

/// <summary>Fresh, created tables, queues and containers of their own for one test, on the shared Azurite.</summary>
internal static class TestStorage
{
    public static async Task<TableClient> NewTableAsync(this AzuriteFixture fixture, string prefix = "t")
    {
        var table = fixture.Azurite.TableService.GetTableClient(AzuriteFixture.UniqueName(prefix));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public static async Task<QueueClient> NewQueueAsync(this AzuriteFixture fixture, string prefix = "q")
    {
        var queue = fixture.Azurite.QueueService.GetQueueClient(AzuriteFixture.UniqueName(prefix));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    public static async Task<BlobContainerClient> NewContainerAsync(this AzuriteFixture fixture, string prefix = "c")
    {
        var container = fixture.Azurite.BlobService.GetBlobContainerClient(AzuriteFixture.UniqueName(prefix));
        await container.CreateIfNotExistsAsync();
        return container;
    }

    /// <summary>A ticket store on a tickets table and a due table of its own.</summary>
    public static async Task<(TableTicketStore Store, TableClient Tickets, TableDueIndex Due)> NewTicketStoreAsync(this AzuriteFixture fixture)
    {
        var tickets = await fixture.NewTableAsync("tickets");
        var due = new TableDueIndex(await fixture.NewTableAsync("due"));
        return (new TableTicketStore(tickets, due), tickets, due);
    }

    public static async Task<int> CountRowsAsync(this TableClient table, string partition)
    {
        var count = 0;
        await foreach (var unused in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}
