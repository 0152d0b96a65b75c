using Azure.Data.Tables;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Sla;
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
        var (store, _, due) = await fixture.NewTicketStoreAsync();
        return (store, due);
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
        await foreach (var e in due.Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {DueSchedule.Partition(id)}")))
        {
            rows.Add(e.RowKey);
        }

        return rows;
    }

    private static List<string> Expected(Ticket ticket) => [.. DueSchedule.For(ticket).Select(e => DueSchedule.RowKey(ticket.Id, e)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task CommitAsync_NewTicket_WritesOneDueRowPerSweepAndRoundTripsSla()
    {
        var (store, due) = await CreateAsync();
        var ticket = NewTicket();

        await store.CommitAsync(new TicketCommit(ticket), default);

        Assert.Equal(Expected(ticket), await RowsAsync(due, ticket.Id));
        Assert.Equal(2, Expected(ticket).Count);
        var read = await store.GetAsync(ticket.Id, default);
        Assert.Equal(ticket.Sla, read!.Sla);
        Assert.Equal(ticket.FirstResponseDue, read.FirstResponseDue);
    }

    [Fact]
    public async Task CommitAsync_StatusChanges_ReplacesRowsAndDeletesOnesNoLongerNeeded()
    {
        var (store, due) = await CreateAsync();
        var stored = (await store.CommitAsync(new TicketCommit(NewTicket()), default)).Ticket;

        var pending = _planner.OnStatusChanged(stored, TicketStatus.PendingCustomer, Monday.AddHours(1));
        stored = (await store.CommitAsync(new TicketCommit(pending), default)).Ticket;
        Assert.Equal(Expected(pending), await RowsAsync(due, pending.Id));
        Assert.All(await RowsAsync(due, pending.Id), r => Assert.EndsWith("-followup", r, StringComparison.Ordinal));

        var closed = _planner.OnStatusChanged(stored, TicketStatus.Closed, Monday.AddHours(2));
        await store.CommitAsync(new TicketCommit(closed), default);
        Assert.Empty(await RowsAsync(due, closed.Id));
    }

    [Fact]
    public async Task CommitAsync_ConcurrentWriterWins_LeavesOnlyAnExtraRowAndTheTicketUnchanged()
    {
        var (store, tickets, due) = await fixture.NewTicketStoreAsync();
        var stored = (await store.CommitAsync(new TicketCommit(NewTicket()), default)).Ticket;

        // Another instance commits between this store's read and its commit.
        var winner = (await new TableTicketStore(tickets, due).CommitAsync(new TicketCommit(stored with { Subject = "changed" }), default)).Ticket;
        var loser = _planner.OnStatusChanged(stored, TicketStatus.PendingCustomer, Monday.AddHours(1));
        await Assert.ThrowsAsync<TicketConflictException>(() => store.CommitAsync(new TicketCommit(loser), default));

        var rows = await RowsAsync(due, stored.Id);
        Assert.Superset(Expected(winner).ToHashSet(), rows.ToHashSet());
        Assert.Contains(rows, r => r.StartsWith(DueSchedule.RowKey(stored.Id, DueSchedule.For(loser).Single())[..16], StringComparison.Ordinal));
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
        Assert.Equal((ticket.Id, DueKinds.EscalationSweep), (first.Ticket, first.Kind));
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

    [Fact]
    public async Task CommitAsync_VersionReadByAnotherInstance_StillDeletesTheRowsItNoLongerNeeds()
    {
        var (writer, tickets, due) = await fixture.NewTicketStoreAsync();
        var stored = (await writer.CommitAsync(new TicketCommit(NewTicket()), default)).Ticket;

        // A second store instance (another host) reads the ticket's due rows from the ticket row itself.
        var other = new TableTicketStore(tickets, due);
        var pending = _planner.OnStatusChanged(stored, TicketStatus.PendingCustomer, Monday.AddHours(1));
        await other.CommitAsync(new TicketCommit(pending), default);

        Assert.Equal(Expected(pending), await RowsAsync(due, pending.Id));
    }

    [Fact]
    public async Task CommitAsync_VersionOlderThanTheStoredOne_ThrowsConflictBeforeWritingDueRows()
    {
        var (writer, tickets, due) = await fixture.NewTicketStoreAsync();
        var stored = (await writer.CommitAsync(new TicketCommit(NewTicket()), default)).Ticket;
        await writer.CommitAsync(new TicketCommit(stored with { Subject = "changed" }), default);
        var before = await RowsAsync(due, stored.Id);

        var stale = _planner.OnStatusChanged(stored, TicketStatus.PendingCustomer, Monday.AddHours(1));
        await Assert.ThrowsAsync<TicketConflictException>(() => new TableTicketStore(tickets, due).CommitAsync(new TicketCommit(stale), default));

        Assert.Equal(before, await RowsAsync(due, stored.Id));
    }

    [Fact]
    public async Task ReadDueAsync_MoreRowsThanOnePage_ReadsEveryPage()
    {
        var due = new TableDueIndex(await fixture.NewTableAsync("due"));
        var shard = -1;
        var written = 0;

        // 1,200 rows in one shard (the service pages at 1,000): tickets whose ids hash to the same shard.
        while (written < 1_200)
        {
            var id = TicketId.New();
            if (shard < 0)
            {
                shard = DueSchedule.Shard(id);
            }

            if (DueSchedule.Shard(id) != shard)
            {
                continue;
            }

            await due.WriteAsync(id, [new DueEntry(DueKinds.StatusNote, Monday.AddMinutes(written % 60), DueKinds.FollowUpSweep)], default);
            written++;
        }

        var read = 0;
        await foreach (var unused in due.ReadDueAsync(shard, DueKinds.FollowUpSweep, Monday.AddHours(1), default))
        {
            read++;
        }

        Assert.Equal(1_200, read);
    }
}
