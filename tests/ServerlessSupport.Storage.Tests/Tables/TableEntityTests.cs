using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tests.Tables;

public sealed class TableEntityTests
{
    [Fact]
    public void Indexer_SetNull_RemovesProperty()
    {
        var entity = EntityBuilder.For("p", "r").With("A", "a").Build();

        entity["A"] = null;

        Assert.Empty(entity.Properties);
        Assert.Null(entity["A"]);
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData((short)1)]
    [InlineData('c')]
    public void Indexer_UnsupportedType_Throws(object value)
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["A"] = value);
    }

    [Fact]
    public void Indexer_DateTimeAndDecimal_AreRefused()
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["A"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Throws<ArgumentException>(() => entity["A"] = 1.5m);
    }

    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("RowKey")]
    [InlineData("Timestamp")]
    [InlineData("rowkey")]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("a.b")]
    [InlineData("odata.etag")]
    [InlineData("a b")]
    public void Indexer_IllegalOrReservedName_Throws(string name)
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity[name] = "x");
    }

    [Fact]
    public void Indexer_NameOf255Characters_IsAcceptedAnd256IsNot()
    {
        var entity = new TableEntity("p", "r");

        entity[new string('a', 255)] = 1;
        Assert.Throws<ArgumentException>(() => entity[new string('a', 256)] = 1);
    }

    [Fact]
    public void TypedGetters_ReturnValuesAndNullWhenAbsent()
    {
        var entity = EntityBuilder.For("p", "r").WithEveryType().Build();

        Assert.Equal(int.MinValue, entity.GetInt32("IntMin"));
        Assert.Equal(long.MaxValue, entity.GetInt64("LongMax"));
        Assert.Equal(int.MaxValue, entity.GetInt64("IntMax"));
        Assert.Equal(0.1, entity.GetDouble("Fraction"));
        Assert.Equal(int.MinValue, entity.GetDouble("IntMin"));
        Assert.True(entity.GetBoolean("Flag"));
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), entity.GetGuid("Id"));
        Assert.Equal([0, 1, 2, 250, 255], entity.GetBinary("Bytes"));
        Assert.Equal(string.Empty, entity.GetString("Empty"));
        Assert.Null(entity.GetString("Missing"));
        Assert.Null(entity.GetInt32("Missing"));
        Assert.Null(entity.GetDateTimeOffset("Missing"));
    }

    [Fact]
    public void TypedGetters_WrongType_ThrowInvalidOperation()
    {
        var entity = EntityBuilder.For("p", "r").With("Text", "1").With("Big", 5L).Build();

        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Text"));
        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Big"));
        Assert.Throws<InvalidOperationException>(() => entity.GetString("Big"));
    }
}
