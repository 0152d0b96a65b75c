using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Tickets;

[Collection(AzuriteCollection.Name)]
public sealed class TableTicketQueriesTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task ListAsync_StatusAndUpdatedSince_FiltersTicketRowsOnly()
    {
        var (store, table, _) = await fixture.NewTicketStoreAsync();
        var open = (await store.CommitAsync(new TicketBuilder().BuildNewCommit(), default)).Ticket;
        var solvedCommit = new TicketBuilder().BuildNewCommit();
        var solved = (await store.CommitAsync(solvedCommit with { Ticket = solvedCommit.Ticket with { Status = TicketStatus.Solved, UpdatedAt = solvedCommit.Ticket.UpdatedAt.AddDays(1) } }, default)).Ticket;
        var queries = new TableTicketQueries(table);

        var all = await queries.ListAsync([], null, default);
        var onlyOpen = await queries.ListAsync([TicketStatus.Open, TicketStatus.PendingCustomer], null, default);
        var recent = await queries.ListAsync([], open.UpdatedAt.AddHours(1), default);

        Assert.Equal(
            new[] { open.Id.Value, solved.Id.Value }.Order(StringComparer.Ordinal),
            all.Select(t => t.Id.Value).Order(StringComparer.Ordinal));
        Assert.Equal(open.Id, Assert.Single(onlyOpen).Id);
        Assert.Equal(solved.Id, Assert.Single(recent).Id);
        Assert.NotNull(all[0].Version);
    }

    [Fact]
    public async Task GetOutboxAsync_Ticket_ReturnsEveryRowWhateverItsState()
    {
        var (store, table, _) = await fixture.NewTicketStoreAsync();
        var ticket = (await store.CommitAsync(new TicketBuilder().BuildNewCommit(), default)).Ticket;
        var row = await store.GetOutboxAsync(ticket.Id, 1, default);
        await store.TryUpdateOutboxAsync(row! with { State = OutboxState.Sent }, default);

        var outbox = await new TableTicketQueries(table).GetOutboxAsync(ticket.Id, default);

        Assert.Equal(OutboxState.Sent, Assert.Single(outbox).State);
        Assert.Empty(await store.GetPendingOutboxAsync(ticket.Id, default));
    }

    [Fact]
    public void Filter_SomeStatuses_QuotesValues()
    {
        var filter = TableTicketQueries.Filter([TicketStatus.Open, TicketStatus.PendingCustomer], null);

        Assert.Equal("RowKey eq 'ticket' and (Status eq 'Open' or Status eq 'PendingCustomer')", filter);
        Assert.Equal("RowKey eq 'ticket'", TableTicketQueries.Filter([.. Enum.GetValues<TicketStatus>()], null));
    }
}
