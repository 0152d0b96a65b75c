using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Storage.Agents;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Agents;

[Collection(AzuriteCollection.Name)]
public sealed class TableAgentKeyStoreTests(AzuriteFixture fixture)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    private TableAgentKeyStore NewStore() => new(fixture.Azurite.TableService.GetTableClient(AzuriteFixture.UniqueName("keys")), _time);

    [Fact]
    public async Task CreateAsync_NewKey_VerifiesAsItsAgentAndStoresOnlyTheHash()
    {
        var store = NewStore();

        var created = await store.CreateAsync("alice", default);

        Assert.StartsWith($"ssk_{created.Key.Id}_", created.Secret, StringComparison.Ordinal);
        Assert.Equal("alice", (await store.VerifyAsync(created.Secret, default))?.Agent);
        var row = (await store.Table.GetEntityAsync<TableEntity>("keys", created.Key.Id)).Value;
        Assert.DoesNotContain(((IDictionary<string, object>)row).Values.OfType<string>(), v => created.Secret.Contains(v, StringComparison.Ordinal) && v.Length > 16);
        Assert.Equal(64, row.GetString("Hash")!.Length);
        Assert.Equal(_time.GetUtcNow(), row.GetDateTimeOffset("CreatedAt"));
    }

    [Fact]
    public async Task VerifyAsync_WrongSecretOrMalformed_Null()
    {
        var store = NewStore();
        var created = await store.CreateAsync("alice", default);
        var wrong = created.Secret[..^1] + (created.Secret[^1] == 'a' ? 'b' : 'a');

        Assert.Null(await store.VerifyAsync(wrong, default));
        Assert.Null(await store.VerifyAsync(created.Secret + "0", default));
        Assert.Null(await store.VerifyAsync("alice", default));
        Assert.Null(await store.VerifyAsync(null, default));
    }

    [Fact]
    public async Task RevokeAsync_Key_StopsVerifyingKeepsRowAndOtherKeys()
    {
        var store = NewStore();
        var first = await store.CreateAsync("alice", default);
        var second = await store.CreateAsync("alice", default);

        Assert.True(await store.RevokeAsync(first.Key.Id, default));

        Assert.Null(await store.VerifyAsync(first.Secret, default));
        Assert.NotNull(await store.VerifyAsync(second.Secret, default));
        var keys = await store.ListAsync(default);
        Assert.Equal(2, keys.Count);
        Assert.True(keys.Single(k => k.Id == first.Key.Id).IsRevoked);
        Assert.False(await store.RevokeAsync("0000000000000000", default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("<script>")]
    public async Task CreateAsync_BadAgentName_Throws(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => NewStore().CreateAsync(name, default));
    }
}
