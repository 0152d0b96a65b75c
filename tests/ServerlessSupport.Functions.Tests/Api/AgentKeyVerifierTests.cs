using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Core.Agents;
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

    /// <summary>The command's key store and profiles on one table of its own, as the app wires them.</summary>
    private AgentKeyTools NewTools()
    {
        var store = NewStore();
        return new AgentKeyTools(store, new TableAgentDirectory(store.Table, _time), "support@example.test");
    }

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
        var tools = NewTools();
        var store = tools.Keys;
        using var create = new StringWriter();
        Assert.Equal(0, await AgentKeyCommand.RunAsync(tools, "create", "dave", null, create, default));
        var key = create.ToString().Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("ssk_", StringComparison.Ordinal));
        Assert.Equal("dave", (await store.VerifyAsync(key, default))?.Agent);
        Assert.Contains("Email: none", create.ToString(), StringComparison.Ordinal);

        var id = Assert.Single(await store.ListAsync(default)).Id;
        using var list = new StringWriter();
        Assert.Equal(0, await AgentKeyCommand.RunAsync(tools, "list", null, null, list, default));
        Assert.Contains(id, list.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.ToString(), StringComparison.Ordinal);

        using var revoke = new StringWriter();
        Assert.Equal(0, await AgentKeyCommand.RunAsync(tools, "revoke", id, null, revoke, default));
        Assert.Null(await store.VerifyAsync(key, default));
        Assert.Equal(1, await AgentKeyCommand.RunAsync(tools, "revoke", "0000000000000000", null, revoke, default));
        Assert.Equal(2, await AgentKeyCommand.RunAsync(tools, "create", "bad name!", null, revoke, default));
    }

    [Fact]
    public async Task AgentKeyCommand_CreateWithEmail_SetsProfileAddressAndListShowsIt()
    {
        var tools = NewTools();
        using var create = new StringWriter();

        Assert.Equal(0, await AgentKeyCommand.RunAsync(tools, "create", "Erin", "Erin@Example.COM", create, default));

        Assert.Contains("Email: Erin@example.com", create.ToString(), StringComparison.Ordinal);
        var profile = await tools.Profiles.GetAsync("erin", default);
        Assert.Equal(("Erin@example.com", AgentNotifications.Default), (profile?.Email, profile?.Notify));
        using var second = new StringWriter();
        Assert.Equal(0, await AgentKeyCommand.RunAsync(tools, "create", "erin", null, second, default));
        Assert.Contains("Email: Erin@example.com", second.ToString(), StringComparison.Ordinal);
        using var list = new StringWriter();
        Assert.Equal(0, await AgentKeyCommand.RunAsync(tools, "list", null, null, list, default));
        Assert.Equal(2, list.ToString().Split('\n').Count(l => l.TrimEnd().EndsWith("Erin@example.com", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("support@example.test", "cannot be the support address")]
    [InlineData("Frank <frank@example.com>", "email must be one address")]
    [InlineData("", "--email needs an address")]
    public async Task AgentKeyCommand_CreateWithBadEmail_CreatesNoKey(string email, string expected)
    {
        var tools = NewTools();
        using var output = new StringWriter();

        Assert.Equal(2, await AgentKeyCommand.RunAsync(tools, "create", "frank", email, output, default));

        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
        Assert.Empty(await tools.Keys.ListAsync(default));
        Assert.Null(await tools.Profiles.GetAsync("frank", default));
    }

    [Theory]
    [InlineData("list", "--email", "a@example.com")]
    [InlineData("create", "frank", "--email")]
    [InlineData("create", "frank", "--email=a@example.com", "--email", "b@example.com")]
    public async Task AgentKeyCommand_EmailOptionMisused_PrintsUsage(params string[] args)
    {
        using var output = new StringWriter();

        Assert.Equal(2, await AgentKeyCommand.TryRunAsync([AgentKeyCommand.Command, .. args], output, configure: null));

        Assert.StartsWith("usage:", output.ToString(), StringComparison.Ordinal);
    }
}
