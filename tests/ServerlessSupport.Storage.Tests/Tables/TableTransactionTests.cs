using Azure;
using ServerlessSupport.Storage.Tables;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableTransactionTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task SubmitTransactionAsync_HundredAdds_CommitTogetherAndReturnETags()
    {
        var table = await TestTables.CreateAsync(fixture);
        var actions = Enumerable.Range(0, 100)
            .Select(i => Add(EntityBuilder.For("t1", $"msg-{i:D3}").With("Seq", i).Build()))
            .ToList();

        var etags = await table.SubmitTransactionAsync(actions);

        Assert.Equal(100, etags.Count);
        Assert.All(etags, e => Assert.NotEqual(default, e));
        var stored = await Collect(table, "t1");
        Assert.Equal(100, stored.Count);
        Assert.Equal(etags[42], stored.Single(e => e.RowKey == "msg-042").ETag);
    }

    [Fact]
    public async Task SubmitTransactionAsync_101Actions_ThrowsArgumentExceptionBeforeAnyIo()
    {
        // Never created: an attempted request would fail with 404, not ArgumentException.
        var table = TestTables.Client(fixture);
        var actions = Enumerable.Range(0, 101).Select(i => Add(EntityBuilder.For("p", $"r{i}").Build())).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
    }

    [Fact]
    public async Task SubmitTransactionAsync_TwoPartitionKeys_ThrowsArgumentException()
    {
        var table = TestTables.Client(fixture);

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [Add(EntityBuilder.For("a", "1").Build()), Add(EntityBuilder.For("b", "1").Build())]));
    }

    [Fact]
    public async Task SubmitTransactionAsync_SameEntityTwice_ThrowsArgumentException()
    {
        var table = TestTables.Client(fixture);

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [Add(EntityBuilder.For("a", "1").Build()), Delete(EntityBuilder.For("a", "1").Build())]));
    }

    [Fact]
    public async Task SubmitTransactionAsync_ThirdAddConflicts_Throws409AtIndex2AndWritesNothing()
    {
        var table = await TestTables.CreateAsync(fixture);
        await table.AddAsync(EntityBuilder.For("t", "existing").With("V", "original").Build());

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            Add(EntityBuilder.For("t", "a").Build()),
            Add(EntityBuilder.For("t", "b").Build()),
            Add(EntityBuilder.For("t", "existing").With("V", "overwritten").Build()),
            Add(EntityBuilder.For("t", "d").Build()),
        ]));

        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.Equal(2, ex.FailedIndex);
        Assert.Null(await table.GetAsync("t", "a"));
        Assert.Null(await table.GetAsync("t", "b"));
        Assert.Null(await table.GetAsync("t", "d"));
        Assert.Equal("original", (await table.GetAsync("t", "existing"))!.GetString("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedActionsWithETagCondition_AllApply()
    {
        var table = await TestTables.CreateAsync(fixture);
        var ticketEtag = await table.AddAsync(EntityBuilder.For("t", "ticket").With("State", "Open").With("Version", 1).Build());
        await table.AddAsync(EntityBuilder.For("t", "due-old").Build());
        await table.AddAsync(EntityBuilder.For("t", "out-1").With("State", "Pending").With("Tries", 0).Build());

        var etags = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, EntityBuilder.For("t", "ticket").With("Version", 2).Build(), ticketEtag),
            Add(EntityBuilder.For("t", "msg-001").With("Text", "hello").Build()),
            Delete(EntityBuilder.For("t", "due-old").Build()),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, EntityBuilder.For("t", "out-1").With("State", "Sent").Build()),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, EntityBuilder.For("t", "evt-001").With("Kind", "created").Build()),
        ]);

        var ticket = await table.GetAsync("t", "ticket");
        Assert.Equal("Open", ticket!.GetString("State"));
        Assert.Equal(2, ticket.GetInt32("Version"));
        Assert.Equal(etags[0], ticket.ETag);
        Assert.Equal("hello", (await table.GetAsync("t", "msg-001"))!.GetString("Text"));
        Assert.Null(await table.GetAsync("t", "due-old"));
        var outbox = await table.GetAsync("t", "out-1");
        Assert.Equal("Sent", outbox!.GetString("State"));
        Assert.Equal(0, outbox.GetInt32("Tries"));
        Assert.Equal("created", (await table.GetAsync("t", "evt-001"))!.GetString("Kind"));
        Assert.Equal(default, etags[2]);
        Assert.Equal(etags[3], outbox.ETag);
    }

    [Fact]
    public async Task SubmitTransactionAsync_UpdateReplaceAndDeleteWithCurrentETags_Apply()
    {
        var table = await TestTables.CreateAsync(fixture);
        var a = await table.AddAsync(EntityBuilder.For("t", "a").With("X", 1).With("Y", 1).Build());
        var b = await table.AddAsync(EntityBuilder.For("t", "b").Build());

        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, EntityBuilder.For("t", "a").With("X", 2).Build(), a),
            new TableTransactionAction(TableTransactionActionType.Delete, EntityBuilder.For("t", "b").Build(), b),
        ]);

        var read = await table.GetAsync("t", "a");
        Assert.Equal(2, read!.GetInt32("X"));
        Assert.Null(read["Y"]);
        Assert.Null(await table.GetAsync("t", "b"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_Throws412AndWritesNothing()
    {
        var table = await TestTables.CreateAsync(fixture);
        var stale = await table.AddAsync(EntityBuilder.For("t", "ticket").With("Version", 1).Build());
        await table.UpdateAsync(EntityBuilder.For("t", "ticket").With("Version", 2).Build(), stale, TableUpdateMode.Replace);

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            Add(EntityBuilder.For("t", "msg-001").Build()),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, EntityBuilder.For("t", "ticket").With("Version", 3).Build(), stale),
        ]));

        Assert.Equal(412, ex.Status);
        Assert.Equal("UpdateConditionNotSatisfied", ex.ErrorCode);
        Assert.Equal(1, ex.FailedIndex);
        Assert.Null(await table.GetAsync("t", "msg-001"));
        Assert.Equal(2, (await table.GetAsync("t", "ticket"))!.GetInt32("Version"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_DeleteMissing_Throws404WithIndex()
    {
        var table = await TestTables.CreateAsync(fixture);

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [Add(EntityBuilder.For("t", "a").Build()), Delete(EntityBuilder.For("t", "gone").Build())]));

        Assert.Equal(404, ex.Status);
        Assert.Equal(1, ex.FailedIndex);
        Assert.Null(await table.GetAsync("t", "a"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_AwkwardKeys_ReachTheRightEntities()
    {
        var table = await TestTables.CreateAsync(fixture);
        const string partition = "it's 100% a+b";
        var etag = await table.AddAsync(EntityBuilder.For(partition, "o'brien (x)").With("V", 1).Build());

        await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, EntityBuilder.For(partition, "o'brien (x)").With("V", 2).Build(), etag),
            Add(EntityBuilder.For(partition, "ä €").Build()),
        ]);

        Assert.Equal(2, (await table.GetAsync(partition, "o'brien (x)"))!.GetInt32("V"));
        Assert.NotNull(await table.GetAsync(partition, "ä €"));
    }

    private static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity);

    private static TableTransactionAction Delete(TableEntity entity) => new(TableTransactionActionType.Delete, entity, ETag.All);

    private static async Task<List<TableEntity>> Collect(StorageTableClient table, string partitionKey)
    {
        var result = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(TableFilter.Format($"PartitionKey eq {partitionKey}")))
        {
            result.Add(entity);
        }

        return result;
    }
}
