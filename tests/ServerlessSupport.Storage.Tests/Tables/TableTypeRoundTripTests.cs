using ServerlessSupport.Storage.Tables;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public sealed class TableTypeRoundTripTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task AddThenGet_EveryTypeAtEdgeValues_RoundTripsExactly()
    {
        var table = await TestTables.CreateAsync(fixture);
        var entity = EntityBuilder.For("p", "r").WithEveryType().Build();

        await table.AddAsync(entity);
        var read = await table.GetAsync("p", "r");

        Assert.NotNull(read);
        TestTables.AssertSameValues(entity, read);
    }

    [Fact]
    public async Task AddThenQuery_EveryTypeAtEdgeValues_RoundTripsExactly()
    {
        var table = await TestTables.CreateAsync(fixture);
        var entity = EntityBuilder.For("p", "r").WithEveryType().Build();

        await table.AddAsync(entity);
        var page = await table.QueryPageAsync(TableFilter.Format($"PartitionKey eq {"p"}"));

        var read = Assert.Single(page.Items);
        TestTables.AssertSameValues(entity, read);
    }

    [Fact]
    public async Task Transaction_EveryTypeAtEdgeValues_RoundTripsExactly()
    {
        var table = await TestTables.CreateAsync(fixture);
        var entity = EntityBuilder.For("p", "r").WithEveryType().Build();

        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, entity)]);
        var read = await table.GetAsync("p", "r");

        TestTables.AssertSameValues(entity, read!);
    }

    [Fact]
    public async Task AddThenGet_NegativeZero_KeepsItsValue()
    {
        var table = await TestTables.CreateAsync(fixture);
        await table.AddAsync(EntityBuilder.For("p", "r").With("Zero", -0.0).Build());

        var read = await table.GetAsync("p", "r");

        // The sign of zero is not promised by the service; the value and its type are.
        Assert.Equal(0.0, read!.GetDouble("Zero"));
        Assert.IsType<double>(read["Zero"]);
    }

    [Fact]
    public async Task TypedFilters_MatchTheStoredTypes()
    {
        var table = await TestTables.CreateAsync(fixture);
        var entity = EntityBuilder.For("p", "r").WithEveryType().Build();
        await table.AddAsync(entity);
        await table.AddAsync(EntityBuilder.For("p", "other").With("LongMax", 1L).With("Id", Guid.NewGuid()).Build());

        async Task<string[]> RowKeys(FormattableString filter)
        {
            var page = await table.QueryPageAsync(TableFilter.Format(filter));
            return [.. page.Items.Select(e => e.RowKey)];
        }

        Assert.Equal(["r"], await RowKeys($"LongMax eq {long.MaxValue}"));
        Assert.Equal(["r"], await RowKeys($"IntMin eq {int.MinValue}"));
        Assert.Equal(["r"], await RowKeys($"Id eq {Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")}"));
        Assert.Equal(["r"], await RowKeys($"When eq {entity.GetDateTimeOffset("When")!.Value}"));
        Assert.Equal(["r"], await RowKeys($"Flag eq {true}"));
        Assert.Equal(["r"], await RowKeys($"Whole eq {1.0}"));
        Assert.Equal(["r"], await RowKeys($"Fraction eq {0.1}"));
        Assert.Equal(["r"], await RowKeys($"Bytes eq {new byte[] { 0, 1, 2, 250, 255 }}"));
        Assert.Equal(["r"], await RowKeys($"Text eq {entity.GetString("Text")!}"));
    }
}
