using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tables;
using ServerlessSupport.Storage.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Sla;

[Collection(AzuriteCollection.Name)]
public sealed class DueIndexMaintenanceTests(AzuriteFixture fixture)
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly SupportPolicy Policy = SupportPolicyLoader.Parse(File.ReadAllText(RepositoryRoot.Combine("config", "policy.json")));
    private readonly SlaPlanner _planner = new(Policy);

    private async Task<(TableTicketStore Store, TableDueIndex Due)> CreateAsync()
    {
        var clients = new StorageClients(fixture.Account);
        var tickets = clients.GetTable(AzuriteFixture.UniqueName("tickets"));
        var due = new TableDueIndex(clients.GetTable(AzuriteFixture.UniqueName("due")));
        await tickets.CreateIfNotExistsAsync();
        await due.Table.CreateIfNotExistsAsync();
        return (new TableTicketStore(tickets, due), due);
    }

    private Ticket NewTicket() => _planner.OnCreated(
        new Ticket
        {
            Id = TicketId.New(),
            Status = TicketStatus.Open,
            Priority = Priority.Normal,
            Customer = new Mailbox("jane@example.com"),
            Subject = "Printer",
            CreatedAt = Monday,
            UpdatedAt = Monday,
        },
        Monday);

    private static async Task<List<string>> RowsAsync(TableDueIndex due, TicketId id)
    {
        var rows = new List<string>();
        await foreach (var e in due.Table.QueryAsync(TableFilter.Format($"PartitionKey eq {DueSchedule.Partition(id)}")))
        {
            rows.Add(e.RowKey);
        }

        return rows;
    }

    private static List<string> Expected(Ticket ticket) => [.. DueSchedule.For(ticket).Select(e => DueSchedule.RowKey(ticket.Id, e)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task CommitAsync_NewTicket_WritesOneDueRowPerDeadlineAndRoundTripsSla()
    {
        var (store, due) = await CreateAsync();
        var ticket = NewTicket();

        await store.CommitAsync(new TicketCommit(ticket), default);

        Assert.Equal(Expected(ticket), await RowsAsync(due, ticket.Id));
        Assert.Equal(3, Expected(ticket).Count);
        var read = await store.GetAsync(ticket.Id, default);
        Assert.Equal(ticket.Sla, read!.Sla);
        Assert.Equal(ticket.FirstResponseDue, read.FirstResponseDue);
    }

    [Fact]
    public async Task CommitAsync_StatusChanges_ReplacesRowsAndDeletesOnesNoLongerNeeded()
    {
        var (store, due) = await CreateAsync();
        var stored = await store.CommitAsync(new TicketCommit(NewTicket()), default);

        var pending = _planner.OnStatusChanged(stored, TicketStatus.PendingCustomer, Monday.AddHours(1));
        stored = await store.CommitAsync(new TicketCommit(pending), default);
        Assert.Equal(Expected(pending), await RowsAsync(due, pending.Id));
        Assert.All(await RowsAsync(due, pending.Id), r => Assert.DoesNotContain("-esc-", r, StringComparison.Ordinal));

        var closed = _planner.OnStatusChanged(stored, TicketStatus.Closed, Monday.AddHours(2));
        await store.CommitAsync(new TicketCommit(closed), default);
        Assert.Empty(await RowsAsync(due, closed.Id));
    }

    [Fact]
    public async Task CommitAsync_Conflict_LeavesOnlyAnExtraRowAndTheTicketUnchanged()
    {
        var (store, due) = await CreateAsync();
        var stored = await store.CommitAsync(new TicketCommit(NewTicket()), default);
        var winner = await store.CommitAsync(new TicketCommit(stored with { Subject = "changed" }), default);

        var loser = _planner.OnStatusChanged(stored, TicketStatus.PendingCustomer, Monday.AddHours(1));
        await Assert.ThrowsAsync<TicketConflictException>(() => store.CommitAsync(new TicketCommit(loser), default));

        var rows = await RowsAsync(due, stored.Id);
        Assert.Superset(Expected(winner).ToHashSet(), rows.ToHashSet());
        Assert.Contains(rows, r => r.EndsWith("-pending", StringComparison.Ordinal));
        Assert.Equal(TicketStatus.Open, (await store.GetAsync(stored.Id, default))!.Status);
    }

    [Fact]
    public async Task ReadDueAsync_OnlyRowsUpToNowOfThatSweep()
    {
        var (store, due) = await CreateAsync();
        var ticket = NewTicket();
        await store.CommitAsync(new TicketCommit(ticket), default);
        var shard = DueSchedule.Shard(ticket.Id);

        async Task<List<DueRow>> ReadAsync(string sweep, DateTimeOffset upTo)
        {
            var rows = new List<DueRow>();
            await foreach (var row in due.ReadDueAsync(shard, sweep, upTo, default))
            {
                rows.Add(row);
            }

            return rows;
        }

        Assert.Empty(await ReadAsync(DueKinds.EscalationSweep, Monday.AddHours(6).AddSeconds(-1)));
        var first = Assert.Single(await ReadAsync(DueKinds.EscalationSweep, Monday.AddHours(6)));
        Assert.Equal((ticket.Id, DueKinds.EscalateFirstResponse), (first.Ticket, first.Kind));
        Assert.Empty(await ReadAsync(DueKinds.FollowUpSweep, Monday.AddHours(6)));
        Assert.Single(await ReadAsync(DueKinds.FollowUpSweep, Monday.AddDays(1).AddHours(8)));
    }

    [Fact]
    public async Task DeleteAsync_RowRewrittenSinceRead_IsKept()
    {
        var (store, due) = await CreateAsync();
        var ticket = NewTicket();
        await store.CommitAsync(new TicketCommit(ticket), default);
        DueRow? row = null;
        await foreach (var r in due.ReadDueAsync(DueSchedule.Shard(ticket.Id), DueKinds.EscalationSweep, Monday.AddDays(30), default))
        {
            row ??= r;
        }

        var entry = DueSchedule.For(ticket).First(e => DueSchedule.RowKey(ticket.Id, e) == row!.RowKey);
        await due.WriteAsync(ticket.Id, [entry], default);
        await due.DeleteAsync(row!, default);

        Assert.Contains(row!.RowKey, await RowsAsync(due, ticket.Id));
    }
}
