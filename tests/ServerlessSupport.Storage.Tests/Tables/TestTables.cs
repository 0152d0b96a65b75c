using ServerlessSupport.Storage.Account;
using ServerlessSupport.Storage.Http;
using ServerlessSupport.Storage.Tables;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Tables;

internal static class TestTables
{
    public static StorageTableClient Client(AzuriteFixture fixture, string? name = null) =>
        new(StoragePipeline.Create(fixture.Account, StorageService.Table), fixture.Account.TableEndpoint, name ?? AzuriteFixture.UniqueName("t"));

    /// <summary>A fresh, created table of its own for one test.</summary>
    public static async Task<StorageTableClient> CreateAsync(AzuriteFixture fixture)
    {
        var table = Client(fixture);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public static void AssertSameValues(TableEntity expected, TableEntity actual)
    {
        Assert.Equal(expected.PartitionKey, actual.PartitionKey);
        Assert.Equal(expected.RowKey, actual.RowKey);
        Assert.Equal(expected.Properties.Keys.Order(StringComparer.Ordinal), actual.Properties.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected.Properties)
        {
            var got = actual.Properties[name];
            Assert.True(value.GetType() == got.GetType(), $"{name}: expected {value.GetType().Name}, got {got.GetType().Name} ({got})");
            switch (value)
            {
                case byte[] bytes:
                    Assert.Equal(bytes, (byte[])got);
                    break;
                case DateTimeOffset moment:
                    Assert.Equal(moment.UtcTicks, ((DateTimeOffset)got).UtcTicks);
                    Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)got).Offset);
                    break;
                case double d:
                    Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)got), $"{name}: expected {d:R}, got {(double)got:R}");
                    break;
                default:
                    Assert.Equal(value, got);
                    break;
            }
        }
    }
}
