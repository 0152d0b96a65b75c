using System.Net;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Pipeline;

/// <summary>
/// ProcessInbound sends the acknowledgment right after its commit; when SendGrid refuses for now or is slower than the
/// inline budget, the row goes to queue <c>outbound</c> and DispatchEmail sends it: once, either way.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DispatchFallbackTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Acknowledgment_SendGridRefusesOnce_SentOnceAfterTheOutboundQueue()
    {
        await using var host = await PipelineHost.StartAsync(azurite);
        host.SendGrid.FailNext(1, 503);
        var mail = new InboundMailBuilder();

        using var response = await host.PostInboundAsync("json", mail.ToContent());
        await host.SendGrid.WaitForAsync(r => r.Any(x => x.Answer?.Status == 202), "the acknowledgment accepted", TimeSpan.FromSeconds(30));
        await host.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([503, 202], host.SendGrid.Requests.Select(r => r.Answer!.Status));
        Assert.All(host.SendGrid.Requests, r => Assert.Equal(mail.MessageId, r.MailHeader("In-Reply-To")));
        var ticket = Assert.Single(await host.GetTicketsAsync());
        var row = await host.Services.GetRequiredService<ITicketStore>().GetOutboxAsync(ticket.Id, 1, default);
        Assert.Equal((OutboxState.Sent, 2), (row!.State, row.Attempts));
    }

    [Fact]
    public async Task Acknowledgment_SendGridSlowerThanTheBudget_SentByDispatchEmailOnceTheClaimRunsOut()
    {
        await using var host = await PipelineHost.StartAsync(azurite, new Dictionary<string, string?> { ["Dispatch:InlineBudget"] = "00:00:00.300" });
        host.SendGrid.Respond = request => request.Sequence == 1 ? FakeSendGridAnswer.Hang() : null;
        var mail = new InboundMailBuilder();

        using var response = await host.PostInboundAsync("json", mail.ToContent());
        await host.SendGrid.WaitForAsync(r => r.Any(x => x.Answer?.Status == 202), "the acknowledgment accepted", TimeSpan.FromSeconds(30));
        await host.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.SendGrid.Requests, r => r.Answer?.Status == 202);
        var ticket = Assert.Single(await host.GetTicketsAsync());
        var row = await host.Services.GetRequiredService<ITicketStore>().GetOutboxAsync(ticket.Id, 1, default);
        Assert.Equal((OutboxState.Sent, 2), (row!.State, row.Attempts));
    }
}
