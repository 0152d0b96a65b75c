using Azure.Data.Tables;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Tickets;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Tickets;

[Collection(AzuriteCollection.Name)]
public sealed class TableTicketStoreTests(AzuriteFixture fixture)
{
    private async Task<(TableTicketStore Store, TableClient Table)> CreateAsync()
    {
        var (store, tickets, _) = await fixture.NewTicketStoreAsync();
        return (store, tickets);
    }

    [Fact]
    public async Task CommitAsync_NewOutboxRow_ReturnedAtTheVersionTheTransactionWrote()
    {
        var (store, _) = await CreateAsync();
        var commit = new TicketBuilder().BuildNewCommit();

        var committed = await store.CommitAsync(commit, default);

        var row = Assert.Single(committed.Outbox);
        var stored = await store.GetOutboxAsync(commit.Ticket.Id, row.Sequence, default);
        Assert.Equal(stored!.Version, row.Version);
        var marked = await store.TryUpdateOutboxAsync(row with { State = OutboxState.Sent }, default);
        Assert.NotNull(marked);
        Assert.Null(await store.TryUpdateOutboxAsync(row with { State = OutboxState.Failed }, default));
    }

    [Fact]
    public async Task CommitAsync_NewTicket_WritesEveryRowAndReadsBack()
    {
        var (store, _) = await CreateAsync();
        var commit = new TicketBuilder().BuildNewCommit();

        var stored = (await store.CommitAsync(commit, default)).Ticket;

        Assert.NotNull(stored.Version);
        var ticket = await store.GetAsync(commit.Ticket.Id, default);
        Assert.NotNull(ticket);
        Assert.Equal(commit.Ticket with { Version = ticket.Version }, ticket with { References = commit.Ticket.References, Participants = commit.Ticket.Participants });
        Assert.Equal(commit.Ticket.References, ticket.References);
        var message = Assert.Single(await store.GetMessagesAsync(commit.Ticket.Id, default));
        Assert.Equal(commit.Messages[0].DisplayText, message.DisplayText);
        Assert.Equal(commit.Messages[0].Attachments, message.Attachments);
        Assert.Single(await store.GetEventsAsync(commit.Ticket.Id, default));
        var outbox = Assert.Single(await store.GetPendingOutboxAsync(commit.Ticket.Id, default));
        Assert.Equal(commit.Outbox[0].Email.Subject, outbox.Email.Subject);
        Assert.Equal(commit.Outbox[0].Email.References, outbox.Email.References);
    }

    [Fact]
    public async Task CommitAsync_CustomerSideFields_ReadBackAsWritten()
    {
        var (store, _) = await CreateAsync();
        var commit = new TicketBuilder().BuildNewCommit();
        var ticket = commit.Ticket with
        {
            Language = "fr",
            CustomerUtcOffset = TimeSpan.FromMinutes(-210),
            Participants = [new Mailbox("boss@example.com", "The Boss"), new Mailbox("it@example.com")],
            ResolutionCount = 2,
            FirstResponseTime = TimeSpan.FromMinutes(95),
            FirstResponsePriority = Priority.Normal,
            Sla = commit.Ticket.Sla with { SurveyAnswer = Core.Sla.Surveys.SurveyRating.Bad, SurveyResolution = 2, SurveyComment = "Slow <b>but</b> fine.\nThanks" },
        };
        var unverified = commit.Messages[0] with { Direction = MessageDirection.Note, UnverifiedSender = true };

        await store.CommitAsync(commit with { Ticket = ticket, Messages = [unverified] }, default);

        var read = (await store.GetAsync(ticket.Id, default))!;
        Assert.Equal(("fr", TimeSpan.FromMinutes(-210), 2), (read.Language, read.CustomerUtcOffset!.Value, read.ResolutionCount));
        Assert.Equal(ticket.Participants, read.Participants);
        Assert.Equal((TimeSpan.FromMinutes(95), Priority.Normal), (read.FirstResponseTime!.Value, read.FirstResponsePriority!.Value));
        Assert.Equal((Core.Sla.Surveys.SurveyRating.Bad, 2, "Slow <b>but</b> fine.\nThanks"), (read.Sla.SurveyAnswer!.Value, read.Sla.SurveyResolution, read.Sla.SurveyComment));
        var message = Assert.Single(await store.GetMessagesAsync(ticket.Id, default));
        Assert.True(message.UnverifiedSender);
        Assert.Equal(MessageDirection.Note, message.Direction);
    }

    [Fact]
    public async Task GetAsync_RowWrittenBeforeLanguagesExisted_ReadsAsEnglishWithNoParticipants()
    {
        var (store, table) = await CreateAsync();
        var commit = new TicketBuilder().BuildNewCommit();
        await store.CommitAsync(commit, default);
        var entity = (await table.GetEntityAsync<TableEntity>(commit.Ticket.Id.ToString(), "ticket")).Value;
        entity.Remove("Language");
        await table.UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Replace);

        var read = (await store.GetAsync(commit.Ticket.Id, default))!;

        Assert.Equal(("en", 0, 0), (read.Language, read.Participants.Count, read.ResolutionCount));
        Assert.Null(read.CustomerUtcOffset);
    }

    [Fact]
    public async Task CommitAsync_SameMarkerAgain_ThrowsDuplicateAndWritesNothing()
    {
        var (store, table) = await CreateAsync();
        var commit = new TicketBuilder().BuildNewCommit("same");
        var stored = (await store.CommitAsync(commit, default)).Ticket;

        var again = commit with
        {
            Ticket = stored with { MessageCount = 2 },
            Messages = [commit.Messages[0] with { Sequence = 2 }],
            Events = [],
            Outbox = [],
        };

        await Assert.ThrowsAsync<DuplicateChangeException>(() => store.CommitAsync(again, default));
        Assert.Single(await store.GetMessagesAsync(commit.Ticket.Id, default));
        Assert.Equal(1, (await store.GetAsync(commit.Ticket.Id, default))!.MessageCount);
        Assert.Equal(5, await table.CountRowsAsync(commit.Ticket.Id.ToString()));
    }

    [Fact]
    public async Task CommitAsync_StaleVersion_ThrowsConflictAndLeavesTicket()
    {
        var (store, _) = await CreateAsync();
        var commit = new TicketBuilder().BuildNewCommit();
        var stored = (await store.CommitAsync(commit, default)).Ticket;
        await store.CommitAsync(new TicketCommit(stored with { Subject = "first writer" }), default);

        var stale = new TicketCommit(stored with { Subject = "second writer", EventCount = 2 })
        {
            Events = [new TicketEvent(2, "x", stored.UpdatedAt, "agent", "late")],
        };

        await Assert.ThrowsAsync<TicketConflictException>(() => store.CommitAsync(stale, default));
        Assert.Equal("first writer", (await store.GetAsync(commit.Ticket.Id, default))!.Subject);
        Assert.Single(await store.GetEventsAsync(commit.Ticket.Id, default));
    }

    [Fact]
    public async Task CommitAsync_NewTicketWhoseIdExists_ThrowsConflict()
    {
        var (store, _) = await CreateAsync();
        var commit = new TicketBuilder().BuildNewCommit("one");
        await store.CommitAsync(commit, default);

        await Assert.ThrowsAsync<TicketConflictException>(() => store.CommitAsync(commit with { Markers = ["two"] }, default));
    }

    [Fact]
    public async Task TryUpdateOutboxAsync_StaleVersion_ReturnsNullAndKeepsRow()
    {
        var (store, _) = await CreateAsync();
        var commit = new TicketBuilder().BuildNewCommit();
        await store.CommitAsync(commit, default);
        var row = (await store.GetOutboxAsync(commit.Ticket.Id, 1, default))!;

        var first = await store.TryUpdateOutboxAsync(row with { Attempts = 1 }, default);
        var second = await store.TryUpdateOutboxAsync(row with { Attempts = 7 }, default);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(1, (await store.GetOutboxAsync(commit.Ticket.Id, 1, default))!.Attempts);
    }

    [Fact]
    public async Task CommitAsync_TextLongerThanOneProperty_RoundTripsWhole()
    {
        var (store, _) = await CreateAsync();
        var text = string.Concat(Enumerable.Repeat("Zeile mit Umlauten äöü and an emoji 😀. ", 2_000));
        var commit = new TicketBuilder().WithText(text).BuildNewCommit();

        await store.CommitAsync(commit, default);

        var message = Assert.Single(await store.GetMessagesAsync(commit.Ticket.Id, default));
        Assert.Equal(text, message.FullText);
        Assert.Equal(text, message.DisplayText);
    }
}
