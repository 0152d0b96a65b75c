using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Functions.Api;
using ServerlessSupport.Storage.Agents;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Api;

[Collection(AzuriteCollection.Name)]
public sealed class AgentKeyVerifierTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));

    private TableAgentKeyStore NewStore() =>
        new(azurite.Azurite.TableService.GetTableClient(AzuriteFixture.UniqueName("keys")), _time);

    [Fact]
    public async Task Verify_KeyRevokedElsewhere_AcceptedFromCacheUntilItExpires()
    {
        var store = NewStore();
        var verifier = new AgentKeyVerifier(store, _time);
        var created = await store.CreateAsync("alice", default);
        Assert.Equal("alice", (await verifier.VerifyAsync(created.Secret, default))?.Agent);

        await store.RevokeAsync(created.Key.Id, default);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(await verifier.VerifyAsync(created.Secret, default));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await verifier.VerifyAsync(created.Secret, default));
    }

    [Fact]
    public async Task Verify_UnknownOrMalformedKey_Null()
    {
        var verifier = new AgentKeyVerifier(NewStore(), _time);

        Assert.Null(await verifier.VerifyAsync("ssk_0123456789abcdef_" + new string('a', 64), default));
        Assert.Null(await verifier.VerifyAsync("Bearer nonsense", default));
        Assert.Null(await verifier.VerifyAsync("", default));
    }

    [Fact]
    public async Task AgentKeyCommand_CreateListRevoke_PrintsKeyOnceAndRevokes()
    {
        var store = NewStore();
        using var create = new StringWriter();
        Assert.Equal(0, await AgentKeyCommand.RunAsync(store, "create", "dave", create, default));
        var key = create.ToString().Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("ssk_", StringComparison.Ordinal));
        Assert.Equal("dave", (await store.VerifyAsync(key, default))?.Agent);

        var id = Assert.Single(await store.ListAsync(default)).Id;
        using var list = new StringWriter();
        Assert.Equal(0, await AgentKeyCommand.RunAsync(store, "list", null, list, default));
        Assert.Contains(id, list.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.ToString(), StringComparison.Ordinal);

        using var revoke = new StringWriter();
        Assert.Equal(0, await AgentKeyCommand.RunAsync(store, "revoke", id, revoke, default));
        Assert.Null(await store.VerifyAsync(key, default));
        Assert.Equal(1, await AgentKeyCommand.RunAsync(store, "revoke", "0000000000000000", revoke, default));
        Assert.Equal(2, await AgentKeyCommand.RunAsync(store, "create", "bad name!", revoke, default));
    }
}
