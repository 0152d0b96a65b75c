using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tests.Tables;

/// <summary>Test data: <c>EntityBuilder.For("pk", "rk").With("Name", "x").Build()</c>.</summary>
internal sealed class EntityBuilder
{
    private readonly string _partitionKey;
    private readonly string _rowKey;
    private readonly List<(string Name, object Value)> _properties = [];

    private EntityBuilder(string partitionKey, string rowKey)
    {
        _partitionKey = partitionKey;
        _rowKey = rowKey;
    }

    public static EntityBuilder For(string partitionKey, string rowKey) => new(partitionKey, rowKey);

    public EntityBuilder With(string name, object value)
    {
        _properties.Add((name, value));
        return this;
    }

    /// <summary>One property of every supported type, each at an awkward value.</summary>
    public EntityBuilder WithEveryType() =>
        With("Text", "héllo ✓ 𝄞 'quoted' \"double\" \n line + % # ?")
            .With("Empty", string.Empty)
            .With("IntMin", int.MinValue)
            .With("IntMax", int.MaxValue)
            .With("LongMax", long.MaxValue)
            .With("LongMin", long.MinValue)
            .With("LongSmall", 5L)
            .With("Flag", true)
            .With("Off", false)
            .With("Fraction", 0.1)
            .With("Pi", Math.PI)
            .With("Whole", 1.0)
            .With("Huge", 1.7976931348623157E+308)
            .With("Tiny", double.Epsilon)
            .With("NotANumber", double.NaN)
            .With("PlusInfinity", double.PositiveInfinity)
            .With("MinusInfinity", double.NegativeInfinity)
            .With("When", new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567))
            .With("Epoch", new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1))
            .With("Id", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"))
            .With("Bytes", new byte[] { 0, 1, 2, 250, 255 })
            .With("NoBytes", Array.Empty<byte>());

    public TableEntity Build()
    {
        var entity = new TableEntity(_partitionKey, _rowKey);
        foreach (var (name, value) in _properties)
        {
            entity[name] = value;
        }

        return entity;
    }
}
