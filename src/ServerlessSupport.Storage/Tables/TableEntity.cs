using Azure;

namespace ServerlessSupport.Storage.Tables;

/// <summary>
/// A table entity as a property bag. Values are string, int, long, bool, double, DateTimeOffset, Guid or byte[]
/// (the Edm types the service stores); anything else is refused when set, not when sent.
/// </summary>
public sealed class TableEntity
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = TableNames.ValidateKey(partitionKey, nameof(partitionKey));
        RowKey = TableNames.ValidateKey(rowKey, nameof(rowKey));
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    public ETag ETag { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public IReadOnlyDictionary<string, object> Properties => _properties;

    /// <summary>Gets a property (null when absent) or sets it; setting null removes it.</summary>
    public object? this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return _properties.TryGetValue(name, out var value) ? value : null;
        }

        set
        {
            TableNames.ValidatePropertyName(name);
            if (value is null)
            {
                _properties.Remove(name);
                return;
            }

            if (!IsSupported(value))
            {
                throw new ArgumentException(
                    $"Property '{name}' has type {value.GetType().Name}; a table property must be string, int, long, bool, double, DateTimeOffset, Guid or byte[].",
                    nameof(value));
            }

            _properties[name] = value;
        }
    }

    public string? GetString(string name) => Get<string>(name);

    public int? GetInt32(string name) => GetValue<int>(name);

    /// <summary>Also reads an Int32 value: the service keeps small numbers as Int32 unless told otherwise.</summary>
    public long? GetInt64(string name) => this[name] is int i ? i : GetValue<long>(name);

    public bool? GetBoolean(string name) => GetValue<bool>(name);

    /// <summary>Also reads an Int32 value.</summary>
    public double? GetDouble(string name) => this[name] is int i ? i : GetValue<double>(name);

    public DateTimeOffset? GetDateTimeOffset(string name) => GetValue<DateTimeOffset>(name);

    public Guid? GetGuid(string name) => GetValue<Guid>(name);

    public byte[]? GetBinary(string name) => Get<byte[]>(name);

    public override string ToString() => $"TableEntity {{ PartitionKey = {PartitionKey}, RowKey = {RowKey}, Properties = {_properties.Count} }}";

    internal static bool IsSupported(object value) =>
        value is string or int or long or bool or double or DateTimeOffset or Guid or byte[];

    /// <summary>Sets a value read from the wire without the name checks (the service may hold names we would not create).</summary>
    internal void SetFromWire(string name, object value) => _properties[name] = value;

    private T? Get<T>(string name)
        where T : class => this[name] switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(name, typeof(T), other),
        };

    private T? GetValue<T>(string name)
        where T : struct => this[name] switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(name, typeof(T), other),
        };

    private static InvalidOperationException WrongType(string name, Type wanted, object actual) =>
        new($"Property '{name}' is {actual.GetType().Name}, not {wanted.Name}.");
}
