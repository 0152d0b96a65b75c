using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Agents;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Agents;

[Collection(AzuriteCollection.Name)]
public sealed class TableAgentDirectoryTests(AzuriteFixture fixture)
{
    private static readonly AgentNotifications Quiet = new(false, false, false);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    private TableClient NewTable() => fixture.Azurite.TableService.GetTableClient(AzuriteFixture.UniqueName("keys"));

    [Fact]
    public async Task SaveAsync_NewAgent_CreatesProfileWithCrockfordIdInProfilesPartition()
    {
        var directory = new TableAgentDirectory(NewTable(), _time);

        var saved = await directory.SaveAsync("Alice", "alice@example.test", AgentNotifications.Default, default);

        Assert.Equal("Alice", saved.Name);
        Assert.True(TicketId.TryParse(saved.Id, out var parsed) && parsed.Value == saved.Id, saved.Id);
        var row = (await directory.Table.GetEntityAsync<TableEntity>("profiles", "alice")).Value;
        Assert.Equal("Alice", row.GetString("Name"));
        Assert.Equal(saved.Id, row.GetString("Id"));
        Assert.Equal("alice@example.test", row.GetString("Email"));
        Assert.Equal([false, true, true], new[] { row.GetBoolean("NotifyNewTickets"), row.GetBoolean("NotifyCustomerReplies"), row.GetBoolean("NotifyAssignments") });
        Assert.Equal(saved, await directory.GetAsync("Alice", default));
    }

    [Fact]
    public async Task SaveAsync_ExistingAgent_UpdatesAddressAndNotificationsKeepsId()
    {
        var directory = new TableAgentDirectory(NewTable(), _time);
        var created = await directory.SaveAsync("bob", "bob@example.test", AgentNotifications.Default, default);

        var updated = await directory.SaveAsync("bob", null, Quiet, default);

        Assert.Equal(new AgentProfile("bob", created.Id, null, Quiet), updated);
        Assert.Equal(updated, await directory.GetAsync("bob", default));
        var row = (await directory.Table.GetEntityAsync<TableEntity>("profiles", "bob")).Value;
        Assert.False(row.ContainsKey("Email"));
    }

    [Fact]
    public async Task GetAsync_NameInOtherCase_FindsTheSameProfile()
    {
        var directory = new TableAgentDirectory(NewTable(), _time);
        var created = await directory.SaveAsync("Carol.Jones", "carol@example.test", AgentNotifications.Default, default);

        Assert.Equal(created, await directory.GetAsync("carol.jones", default));
        Assert.Equal(created, await directory.GetAsync("CAROL.JONES", default));
        var again = await directory.SaveAsync("CAROL.jones", "c@example.test", AgentNotifications.Default, default);
        Assert.Equal(("Carol.Jones", created.Id), (again.Name, again.Id));
        Assert.Null(await directory.GetAsync("dave", default));
        Assert.Null(await directory.GetAsync("not a name/", default));
    }

    [Fact]
    public async Task ListAsync_ProfileSavedElsewhere_SeenOnlyAfterAMinute()
    {
        var table = NewTable();
        var reader = new TableAgentDirectory(table, _time);
        var writer = new TableAgentDirectory(table, _time);
        await writer.SaveAsync("alice", "alice@example.test", AgentNotifications.Default, default);
        Assert.Equal(["alice"], (await reader.ListAsync(default)).Select(p => p.Name));

        await writer.SaveAsync("bob", null, AgentNotifications.Default, default);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(["alice"], (await reader.ListAsync(default)).Select(p => p.Name));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["alice", "bob"], (await reader.ListAsync(default)).Select(p => p.Name));
    }

    [Fact]
    public async Task ListAsync_AfterOwnSave_ReadsAgainAtOnce()
    {
        var directory = new TableAgentDirectory(NewTable(), _time);
        Assert.Empty(await directory.ListAsync(default));

        var saved = await directory.SaveAsync("alice", "alice@example.test", AgentNotifications.Default, default);

        Assert.Equal([saved], await directory.ListAsync(default));
    }

    [Fact]
    public async Task ListAsync_ConcurrentCallers_ShareOneRead()
    {
        var directory = new TableAgentDirectory(NewTable(), _time);
        await directory.SaveAsync("alice", null, AgentNotifications.Default, default);

        var lists = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => directory.ListAsync(default)));

        Assert.All(lists, list => Assert.Same(lists[0], list));
    }

    [Fact]
    public async Task SaveAsync_ConcurrentSavesOnTwoInstances_KeepOneId()
    {
        var table = NewTable();
        var draws = 0;
        string Draw() => $"ID{Interlocked.Increment(ref draws):D6}";
        var instances = Enumerable.Range(0, 4).Select(_ => new TableAgentDirectory(table, _time, Draw)).ToList();

        var saved = await Task.WhenAll(instances.Select((d, i) => d.SaveAsync("alice", $"a{i}@example.test", AgentNotifications.Default, default)));

        var stored = await instances[0].GetAsync("alice", default);
        Assert.NotNull(stored);
        Assert.All(saved, p => Assert.Equal(stored.Id, p.Id));
        Assert.Contains(stored.Email, saved.Select(p => p.Email));
        Assert.Equal(1, await table.CountRowsAsync("profiles"));
    }
}
