using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace ServerlessSupport.Storage.Tables;

/// <summary>
/// The JSON payload format of the Table service (odata=minimalmetadata). Types JSON cannot say unambiguously
/// (Int64, DateTime, Guid, Binary, Double) are written with a <c>Name@odata.type</c> annotation; on read the
/// annotation decides, and without one a JSON string is a string, an integral number an Int32, any other number a Double.
/// </summary>
internal static class EntityJson
{
    public const string DateTimeFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    private const string TypeSuffix = "@odata.type";

    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString(TableNames.PartitionKey, entity.PartitionKey);
        writer.WriteString(TableNames.RowKey, entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            WriteProperty(writer, name, value);
        }

        writer.WriteEndObject();
    }

    public static TableEntity Read(JsonElement element, string? partitionKey = null, string? rowKey = null)
    {
        partitionKey = element.TryGetProperty(TableNames.PartitionKey, out var pk) ? pk.GetString() ?? string.Empty : partitionKey;
        rowKey = element.TryGetProperty(TableNames.RowKey, out var rk) ? rk.GetString() ?? string.Empty : rowKey;
        var entity = new TableEntity(
            partitionKey ?? throw new FormatException("The entity has no PartitionKey."),
            rowKey ?? throw new FormatException("The entity has no RowKey."));

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                types[property.Name[..^TypeSuffix.Length]] = property.Value.GetString()!;
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            if (name == "odata.etag")
            {
                if (property.Value.GetString() is { } etag)
                {
                    entity.ETag = new ETag(etag);
                }

                continue;
            }

            if (name.StartsWith("odata.", StringComparison.Ordinal) || name is TableNames.PartitionKey or TableNames.RowKey)
            {
                continue;
            }

            if (name == TableNames.Timestamp)
            {
                entity.Timestamp = ParseDateTime(property.Value.GetString()!);
                continue;
            }

            var value = ReadValue(property.Value, types.GetValueOrDefault(name));
            if (value is not null)
            {
                entity.SetFromWire(name, value);
            }
        }

        return entity;
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDateTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case long l:
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    // JSON has no literal for these; the service takes the OData spellings as strings.
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case DateTimeOffset dto:
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                writer.WriteString(name, FormatDateTime(dto));
                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteString(name, Convert.ToBase64String(bytes));
                break;
            default:
                throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.", nameof(value));
        }
    }

    private static object? ReadValue(JsonElement value, string? edmType)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (edmType)
        {
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.Number ? value.GetInt64() : long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture);
            case "Edm.Int32":
                return value.ValueKind == JsonValueKind.Number ? value.GetInt32() : int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture);
            case "Edm.Double":
                return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : ParseDouble(value.GetString()!);
            case "Edm.DateTime":
                return ParseDateTime(value.GetString()!);
            case "Edm.Guid":
                return Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture);
            case "Edm.Binary":
                return Convert.FromBase64String(value.GetString()!);
            case "Edm.Boolean":
                return value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean();
            case "Edm.String":
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            default:
                break;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when IsIntegral(value) && value.TryGetInt32(out var i) => i,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        };
    }

    private static bool IsIntegral(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
