using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.CustomerSide;

/// <summary>The acknowledgment's promise from the team's real pace, read from the tickets in storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RealisticPromiseTests(AzuriteFixture azurite)
{
    /// <summary>Tickets of the last days that were first answered after <paramref name="time"/> of business time.</summary>
    private static async Task SeedAnsweredAsync(PipelineHost host, int count, Priority priority, TimeSpan time)
    {
        var store = host.Services.GetRequiredService<ITicketStore>();
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var at = now.AddHours(-(i + 2));
            await store.CommitAsync(new TicketCommit(new Ticket
            {
                Id = TicketId.New(),
                Status = TicketStatus.Open,
                Priority = priority,
                Customer = new Mailbox($"seed{i}@example.org"),
                Subject = "Earlier question",
                CreatedAt = at.AddDays(-2),
                UpdatedAt = at,
                FirstRespondedAt = at,
                FirstResponseTime = time,
                FirstResponsePriority = priority,
            }), default);
        }
    }

    [Fact]
    public async Task Acknowledgment_TeamSlowerThanTarget_PromisesItsPaceAndSaysSo()
    {
        await using var host = await PipelineHost.StartAsync(azurite);
        await SeedAnsweredAsync(host, 12, Priority.Normal, TimeSpan.FromHours(11));

        using var response = await host.PostInboundAsync("json", new InboundMailBuilder().Subject("Question about invoices").ToContent());
        var ack = (await host.SendGrid.WaitForRequestsAsync(1))[0].Content("text/plain")!;

        Assert.Contains("Our target is a reply within 1 working day, but at the moment we are slower than that: over the last 7 days, 80 % of our first replies to requests like yours took up to 2 working days.", ack, StringComparison.Ordinal);
        Assert.Contains("within 2 working days.", ack, StringComparison.Ordinal);
        var ticket = Assert.Single(await host.GetTicketsAsync(), t => t.Subject == "Question about invoices");
        Assert.Contains(await host.Services.GetRequiredService<ITicketStore>().GetEventsAsync(ticket.Id, default),
            e => e.Kind == TicketEventKinds.AcknowledgmentQueued && e.Detail.Contains("p80 of 12 first responses in 7 days", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acknowledgment_TeamFastOrTooFewSamples_PromisesTheTarget()
    {
        await using var host = await PipelineHost.StartAsync(azurite);
        await SeedAnsweredAsync(host, 12, Priority.Normal, TimeSpan.FromHours(2));
        await SeedAnsweredAsync(host, 3, Priority.High, TimeSpan.FromHours(30));

        using var normal = await host.PostInboundAsync("json", new InboundMailBuilder().Subject("Question about invoices").ToContent());
        using var high = await host.PostInboundAsync("json", new InboundMailBuilder().Subject("Payment failed twice").ToContent());
        var acks = await host.SendGrid.WaitForRequestsAsync(2);

        Assert.All(acks, a => Assert.DoesNotContain("slower", a.Content("text/plain"), StringComparison.Ordinal));
        Assert.Contains(acks, a => a.Content("text/plain")!.Contains("within 4 working hours.", StringComparison.Ordinal));
        Assert.Contains(acks, a => a.Content("text/plain")!.Contains("within 1 working day.", StringComparison.Ordinal));
    }
}
