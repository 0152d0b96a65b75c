using Azure;
using ServerlessSupport.Storage.Tables;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class StorageTableClientTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_CreatesOnceThenReportsExisting()
    {
        var table = TestTables.Client(fixture);

        Assert.True(await table.CreateIfNotExistsAsync());
        Assert.False(await table.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task DeleteIfExistsAsync_Table_RemovesItAndToleratesMissing()
    {
        var table = await TestTables.CreateAsync(fixture);

        await table.DeleteIfExistsAsync();
        await table.DeleteIfExistsAsync();

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddAsync(EntityBuilder.For("p", "r").Build()));
        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public void Constructor_IllegalName_Throws()
    {
        Assert.Throws<ArgumentException>(() => TestTables.Client(fixture, "1abc"));
        Assert.Throws<ArgumentException>(() => TestTables.Client(fixture, "ab"));
        Assert.Throws<ArgumentException>(() => TestTables.Client(fixture, "with-dash"));
        Assert.Throws<ArgumentException>(() => TestTables.Client(fixture, "Tables"));
    }

    [Fact]
    public async Task AddAsync_ThenGetAsync_ReturnsEntityWithETagAndTimestamp()
    {
        var table = await TestTables.CreateAsync(fixture);
        var entity = EntityBuilder.For("ticket-1", "ticket").With("State", "Open").With("Version", 1).Build();

        var etag = await table.AddAsync(entity);
        var read = await table.GetAsync("ticket-1", "ticket");

        Assert.NotNull(read);
        Assert.Equal("Open", read.GetString("State"));
        Assert.Equal(1, read.GetInt32("Version"));
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task AddAsync_Existing_Throws409EntityAlreadyExists()
    {
        var table = await TestTables.CreateAsync(fixture);
        await table.AddAsync(EntityBuilder.For("p", "r").Build());

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddAsync(EntityBuilder.For("p", "r").Build()));

        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
    }

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        var table = await TestTables.CreateAsync(fixture);

        Assert.Null(await table.GetAsync("nope", "nope"));
    }

    [Fact]
    public async Task GetAsync_WithSelect_ReturnsOnlySelectedProperties()
    {
        var table = await TestTables.CreateAsync(fixture);
        await table.AddAsync(EntityBuilder.For("p", "r").With("A", "a").With("B", "b").With("C", 3).Build());

        var read = await table.GetAsync("p", "r", ["A", "C"]);

        Assert.NotNull(read);
        Assert.Equal(["A", "C"], read.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("p", read.PartitionKey);
        Assert.Equal("r", read.RowKey);
    }

    [Theory]
    [InlineData("plain", "key")]
    [InlineData("it's", "o''brien")]
    [InlineData("a+b c", "100%")]
    [InlineData("ä€𝄞", "(x),=;:@&$!*")]
    [InlineData("", "empty-partition")]
    [InlineData("' or PartitionKey ne '", "~`^[]{}|<>\"")]
    public async Task Keys_AwkwardCharacters_RoundTripThroughEveryEntityOperation(string partitionKey, string rowKey)
    {
        var table = await TestTables.CreateAsync(fixture);

        await table.AddAsync(EntityBuilder.For(partitionKey, rowKey).With("V", 1).Build());
        var read = await table.GetAsync(partitionKey, rowKey);
        Assert.NotNull(read);
        Assert.Equal(partitionKey, read.PartitionKey);
        Assert.Equal(rowKey, read.RowKey);

        var etag = await table.UpdateAsync(EntityBuilder.For(partitionKey, rowKey).With("V", 2).Build(), read.ETag, TableUpdateMode.Replace);
        Assert.Equal(2, (await table.GetAsync(partitionKey, rowKey))!.GetInt32("V"));

        await table.DeleteAsync(partitionKey, rowKey, etag);
        Assert.Null(await table.GetAsync(partitionKey, rowKey));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007Fb")]
    public async Task Keys_ForbiddenCharacters_ThrowBeforeAnyRequest(string key)
    {
        var table = TestTables.Client(fixture);

        Assert.Throws<ArgumentException>(() => new TableEntity(key, "r"));
        Assert.Throws<ArgumentException>(() => new TableEntity("p", key));
        await Assert.ThrowsAsync<ArgumentException>(() => table.GetAsync(key, "r"));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteAsync("p", key));
    }

    [Fact]
    public async Task UpdateAsync_Merge_KeepsPropertiesNotSent()
    {
        var table = await TestTables.CreateAsync(fixture);
        var etag = await table.AddAsync(EntityBuilder.For("p", "r").With("A", "a").With("B", "b").Build());

        await table.UpdateAsync(EntityBuilder.For("p", "r").With("B", "b2").With("C", "c").Build(), etag, TableUpdateMode.Merge);

        var read = await table.GetAsync("p", "r");
        Assert.Equal("a", read!.GetString("A"));
        Assert.Equal("b2", read.GetString("B"));
        Assert.Equal("c", read.GetString("C"));
    }

    [Fact]
    public async Task UpdateAsync_Replace_DropsPropertiesNotSent()
    {
        var table = await TestTables.CreateAsync(fixture);
        var etag = await table.AddAsync(EntityBuilder.For("p", "r").With("A", "a").With("B", "b").Build());

        var newEtag = await table.UpdateAsync(EntityBuilder.For("p", "r").With("B", "b2").Build(), etag, TableUpdateMode.Replace);

        var read = await table.GetAsync("p", "r");
        Assert.Null(read!["A"]);
        Assert.Equal("b2", read.GetString("B"));
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(newEtag, read.ETag);
    }

    [Theory]
    [InlineData(TableUpdateMode.Merge)]
    [InlineData(TableUpdateMode.Replace)]
    public async Task UpdateAsync_StaleETag_Throws412AndLeavesEntityUntouched(TableUpdateMode mode)
    {
        var table = await TestTables.CreateAsync(fixture);
        var stale = await table.AddAsync(EntityBuilder.For("p", "r").With("A", "first").Build());
        var current = await table.UpdateAsync(EntityBuilder.For("p", "r").With("A", "second").Build(), stale, TableUpdateMode.Replace);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateAsync(EntityBuilder.For("p", "r").With("A", "third").With("B", "x").Build(), stale, mode));

        Assert.Equal(412, ex.Status);
        Assert.Equal("UpdateConditionNotSatisfied", ex.ErrorCode);
        var read = await table.GetAsync("p", "r");
        Assert.Equal("second", read!.GetString("A"));
        Assert.Null(read["B"]);
        Assert.Equal(current, read.ETag);
    }

    [Fact]
    public async Task UpdateAsync_ETagAll_UpdatesWhateverVersion()
    {
        var table = await TestTables.CreateAsync(fixture);
        await table.AddAsync(EntityBuilder.For("p", "r").With("A", "first").Build());

        await table.UpdateAsync(EntityBuilder.For("p", "r").With("A", "second").Build(), ETag.All, TableUpdateMode.Replace);

        Assert.Equal("second", (await table.GetAsync("p", "r"))!.GetString("A"));
    }

    [Fact]
    public async Task UpdateAsync_Missing_Throws404()
    {
        var table = await TestTables.CreateAsync(fixture);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateAsync(EntityBuilder.For("p", "r").With("A", "a").Build(), ETag.All, TableUpdateMode.Merge));

        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public async Task UpsertAsync_Replace_InsertsThenReplaces()
    {
        var table = await TestTables.CreateAsync(fixture);

        await table.UpsertAsync(EntityBuilder.For("p", "r").With("A", "a").With("B", "b").Build());
        Assert.Equal("a", (await table.GetAsync("p", "r"))!.GetString("A"));

        await table.UpsertAsync(EntityBuilder.For("p", "r").With("B", "b2").Build(), TableUpdateMode.Replace);
        var read = await table.GetAsync("p", "r");
        Assert.Null(read!["A"]);
        Assert.Equal("b2", read.GetString("B"));
    }

    [Fact]
    public async Task UpsertAsync_Merge_InsertsThenMerges()
    {
        var table = await TestTables.CreateAsync(fixture);

        var first = await table.UpsertAsync(EntityBuilder.For("p", "r").With("A", "a").Build(), TableUpdateMode.Merge);
        var second = await table.UpsertAsync(EntityBuilder.For("p", "r").With("B", "b").Build(), TableUpdateMode.Merge);

        var read = await table.GetAsync("p", "r");
        Assert.Equal("a", read!.GetString("A"));
        Assert.Equal("b", read.GetString("B"));
        Assert.NotEqual(first, second);
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task DeleteAsync_StaleETag_Throws412AndKeepsEntity()
    {
        var table = await TestTables.CreateAsync(fixture);
        var stale = await table.AddAsync(EntityBuilder.For("p", "r").With("A", "a").Build());
        await table.UpsertAsync(EntityBuilder.For("p", "r").With("A", "b").Build());

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteAsync("p", "r", stale));
        var ex2 = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteIfExistsAsync("p", "r", stale));

        Assert.Equal(412, ex.Status);
        Assert.Equal(412, ex2.Status);
        Assert.NotNull(await table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task DeleteAsync_DefaultETag_DeletesAnyVersion()
    {
        var table = await TestTables.CreateAsync(fixture);
        await table.AddAsync(EntityBuilder.For("p", "r").Build());

        await table.DeleteAsync("p", "r");

        Assert.Null(await table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task DeleteAsync_Missing_Throws404()
    {
        var table = await TestTables.CreateAsync(fixture);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteAsync("p", "r"));

        Assert.Equal(404, ex.Status);
    }

    [Fact]
    public async Task DeleteIfExistsAsync_MissingThenExisting_ReportsWhetherItDeleted()
    {
        var table = await TestTables.CreateAsync(fixture);

        Assert.False(await table.DeleteIfExistsAsync("p", "r"));
        var etag = await table.AddAsync(EntityBuilder.For("p", "r").Build());
        Assert.True(await table.DeleteIfExistsAsync("p", "r", etag));
        Assert.Null(await table.GetAsync("p", "r"));
    }
}
