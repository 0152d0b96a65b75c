using System.Text;
using System.Text.Json;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tests.Tables;

public sealed class EntityJsonTests
{
    [Fact]
    public void Serialize_AnnotatesTypesJsonCannotSay()
    {
        var entity = EntityBuilder.For("p", "r")
            .With("S", "s").With("I", 7).With("B", true).With("L", 5L).With("D", 1.0)
            .With("T", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)).AddTicks(1))
            .With("G", Guid.Empty).With("X", new byte[] { 1, 2 })
            .Build();

        using var doc = JsonDocument.Parse(EntityJson.Serialize(entity));
        var root = doc.RootElement;

        Assert.Equal("p", root.GetProperty("PartitionKey").GetString());
        Assert.Equal("r", root.GetProperty("RowKey").GetString());
        Assert.Equal(7, root.GetProperty("I").GetInt32());
        Assert.False(root.TryGetProperty("I@odata.type", out _));
        Assert.False(root.TryGetProperty("S@odata.type", out _));
        Assert.Equal("5", root.GetProperty("L").GetString());
        Assert.Equal("Edm.Int64", root.GetProperty("L@odata.type").GetString());
        Assert.Equal("Edm.Double", root.GetProperty("D@odata.type").GetString());
        Assert.Equal(1.0, root.GetProperty("D").GetDouble());
        Assert.Equal("2026-01-02T02:04:05.0000001Z", root.GetProperty("T").GetString());
        Assert.Equal("Edm.DateTime", root.GetProperty("T@odata.type").GetString());
        Assert.Equal("00000000-0000-0000-0000-000000000000", root.GetProperty("G").GetString());
        Assert.Equal("Edm.Guid", root.GetProperty("G@odata.type").GetString());
        Assert.Equal("AQI=", root.GetProperty("X").GetString());
        Assert.Equal("Edm.Binary", root.GetProperty("X@odata.type").GetString());
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Serialize_NonFiniteDouble_WritesODataSpelling(double value, string expected)
    {
        var json = Encoding.UTF8.GetString(EntityJson.Serialize(EntityBuilder.For("p", "r").With("D", value).Build()));

        Assert.Contains($"\"D\":\"{expected}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_IsOneLineEvenWithLineBreaksInValues()
    {
        var json = Encoding.UTF8.GetString(EntityJson.Serialize(EntityBuilder.For("p", "r").With("S", "a\r\nb").Build()));

        Assert.DoesNotContain('\n', json);
    }

    [Fact]
    public void SerializeThenRead_EveryType_RoundTrips()
    {
        var entity = EntityBuilder.For("p", "r").WithEveryType().Build();

        using var doc = JsonDocument.Parse(EntityJson.Serialize(entity));
        var read = EntityJson.Read(doc.RootElement);

        TestTables.AssertSameValues(entity, read);
    }

    [Fact]
    public void Read_MinimalMetadataServicePayload_InfersUnannotatedTypes()
    {
        const string json = """
            {"odata.metadata":"https://myaccount.table.core.windows.net/$metadata#Customers/@Element",
             "odata.etag":"W/\"0x5B168C7B6E589D2\"","PartitionKey":"Customer03","RowKey":"Name",
             "Timestamp":"2013-08-22T00:20:16.3134645Z",
             "CustomerSince@odata.type":"Edm.DateTime","CustomerSince":"2008-10-01T15:25:05.2852025Z",
             "Rating":3,"Ratio":2.5,"Whole@odata.type":"Edm.Double","Whole":4,"Big@odata.type":"Edm.Int64","Big":"255",
             "NotNumber@odata.type":"Edm.Double","NotNumber":"NaN","Active":true,"Nothing":null,
             "Id@odata.type":"Edm.Guid","Id":"0f8fad5b-d9cb-469f-a165-70867728950e","Name":"x"}
            """;

        using var doc = JsonDocument.Parse(json);
        var entity = EntityJson.Read(doc.RootElement);

        Assert.Equal("Customer03", entity.PartitionKey);
        Assert.Equal("Name", entity.RowKey);
        Assert.Equal("W/\"0x5B168C7B6E589D2\"", entity.ETag.ToString());
        Assert.Equal(new DateTimeOffset(2013, 8, 22, 0, 20, 16, TimeSpan.Zero).AddTicks(3134645), entity.Timestamp);
        Assert.Equal(new DateTimeOffset(2008, 10, 1, 15, 25, 5, TimeSpan.Zero).AddTicks(2852025), entity.GetDateTimeOffset("CustomerSince"));
        Assert.IsType<int>(entity["Rating"]);
        Assert.IsType<double>(entity["Ratio"]);
        Assert.Equal(4.0, Assert.IsType<double>(entity["Whole"]));
        Assert.Equal(255L, Assert.IsType<long>(entity["Big"]));
        Assert.True(double.IsNaN(entity.GetDouble("NotNumber")!.Value));
        Assert.True(entity.GetBoolean("Active"));
        Assert.Null(entity["Nothing"]);
        Assert.Equal("x", entity.GetString("Name"));
        Assert.DoesNotContain(entity.Properties.Keys, k => k.Contains('.', StringComparison.Ordinal) || k == "Timestamp");
    }
}
