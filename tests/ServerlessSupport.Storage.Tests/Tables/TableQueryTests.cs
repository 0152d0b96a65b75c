using ServerlessSupport.Storage.Tables;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableQueryTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task QueryPageAsync_FilterSelectTop_ReturnsMatchingProjectedEntities()
    {
        var table = await TestTables.CreateAsync(fixture);
        for (var i = 0; i < 10; i++)
        {
            await table.AddAsync(EntityBuilder.For("due-1", $"row{i:D2}").With("N", i).With("Kind", i % 2 == 0 ? "even" : "odd").Build());
        }

        await table.AddAsync(EntityBuilder.For("due-2", "row00").With("N", 0).With("Kind", "even").Build());

        var page = await table.QueryPageAsync(
            TableFilter.Format($"PartitionKey eq {"due-1"} and Kind eq {"even"} and N ge {2}"),
            select: ["N"],
            top: 2);

        Assert.Equal(["row02", "row04"], page.Items.Select(e => e.RowKey));
        Assert.All(page.Items, e => Assert.Equal(["N"], e.Properties.Keys));
        Assert.All(page.Items, e => Assert.Equal("due-1", e.PartitionKey));
        Assert.NotNull(page.ContinuationToken);

        var next = await table.QueryPageAsync(
            TableFilter.Format($"PartitionKey eq {"due-1"} and Kind eq {"even"} and N ge {2}"), select: ["N"], top: 2, continuationToken: page.ContinuationToken);
        Assert.Equal(["row06", "row08"], next.Items.Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryAsync_MoreThanOneServicePage_FollowsContinuationsToTheEnd()
    {
        var table = await TestTables.CreateAsync(fixture);
        const int count = 1200;
        await InsertAsync(table, count);

        var rowKeys = new List<string>();
        await foreach (var entity in table.QueryAsync())
        {
            rowKeys.Add(entity.RowKey);
        }

        Assert.Equal(count, rowKeys.Count);
        Assert.Equal(count, rowKeys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task QueryPageAsync_Top500_GivesTokenAndNextPageContinues()
    {
        var table = await TestTables.CreateAsync(fixture);
        await InsertAsync(table, 1200);

        var first = await table.QueryPageAsync(top: 500);
        var second = await table.QueryPageAsync(top: 500, continuationToken: first.ContinuationToken);
        var third = await table.QueryPageAsync(top: 500, continuationToken: second.ContinuationToken);

        Assert.Equal(500, first.Items.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(500, second.Items.Count);
        Assert.Equal(200, third.Items.Count);
        Assert.Null(third.ContinuationToken);
        var all = first.Items.Concat(second.Items).Concat(third.Items).Select(e => e.PartitionKey + "/" + e.RowKey).ToList();
        Assert.Equal(1200, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
    }

    [Fact]
    public async Task QueryAsync_FilterInjectionInValue_FindsOnlyTheExactMatch()
    {
        var table = await TestTables.CreateAsync(fixture);
        const string hostile = "x' or PartitionKey ne '";
        await table.AddAsync(EntityBuilder.For("a", "1").With("Owner", "alice").Build());
        await table.AddAsync(EntityBuilder.For("b", "1").With("Owner", "bob").Build());

        var none = await table.QueryPageAsync(TableFilter.Format($"PartitionKey eq {hostile}"));
        Assert.Empty(none.Items);

        await table.AddAsync(EntityBuilder.For(hostile, "1").With("Owner", hostile).Build());
        var exact = await table.QueryPageAsync(TableFilter.Format($"PartitionKey eq {hostile} and Owner eq {hostile}"));
        var only = Assert.Single(exact.Items);
        Assert.Equal(hostile, only.PartitionKey);
    }

    [Fact]
    public async Task QueryPageAsync_GarbageToken_ThrowsArgumentException()
    {
        var table = await TestTables.CreateAsync(fixture);

        await Assert.ThrowsAsync<ArgumentException>(() => table.QueryPageAsync(continuationToken: "!!not-a-token!!"));
    }

    /// <summary>Spread over 12 partitions, 100 per transaction, so the table spans more than one service page.</summary>
    private static async Task InsertAsync(StorageTableClient table, int count)
    {
        var batches = Enumerable.Range(0, count)
            .Select(i => EntityBuilder.For($"p{i / 100:D2}", $"r{i:D5}").With("N", i).Build())
            .Chunk(100)
            .Select(chunk => table.SubmitTransactionAsync([.. chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e))]));
        await Task.WhenAll(batches);
    }
}
