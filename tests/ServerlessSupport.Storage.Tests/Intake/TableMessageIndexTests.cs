using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Intake;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Intake;

[Collection(AzuriteCollection.Name)]
public sealed class TableMessageIndexTests(AzuriteFixture fixture)
{
    private async Task<TableMessageIndex> CreateAsync() => new(await fixture.NewTableAsync("mids"));

    [Fact]
    public async Task FindAsync_UnknownMessageId_Null()
    {
        var index = await CreateAsync();

        Assert.Null(await index.FindAsync("<nobody@example.com>", default));
    }

    [Fact]
    public async Task ClaimAsync_TwoProposals_FirstClaimWinsForBoth()
    {
        var index = await CreateAsync();
        var first = TicketId.New();
        var second = TicketId.New();

        var a = await index.ClaimAsync("<abc@example.com>", first, default);
        var b = await index.ClaimAsync("<abc@example.com>", second, default);

        Assert.Equal(first, a);
        Assert.Equal(first, b);
        Assert.Equal(first, await index.FindAsync("<abc@example.com>", default));
    }

    [Fact]
    public async Task FindAsync_WithoutAngleBracketsOrOtherCase_SameKey()
    {
        var index = await CreateAsync();
        var ticket = TicketId.New();
        await index.ClaimAsync("<Mixed.Case/With#Odd?Chars@Example.COM>", ticket, default);

        Assert.Equal(ticket, await index.FindAsync("mixed.case/with#odd?chars@example.com", default));
    }

    [Fact]
    public async Task ReassignAsync_FromTheOwner_MovesTheClaim_FromAnotherTicket_LeavesIt()
    {
        var index = await CreateAsync();
        var owner = TicketId.New();
        var fresh = TicketId.New();
        await index.ClaimAsync("<m1@example.com>", owner, default);

        await index.ReassignAsync("<m1@example.com>", TicketId.New(), fresh, default);
        Assert.Equal(owner, await index.FindAsync("<m1@example.com>", default));

        await index.ReassignAsync("<m1@example.com>", owner, fresh, default);
        Assert.Equal(fresh, await index.FindAsync("<m1@example.com>", default));
    }
}
