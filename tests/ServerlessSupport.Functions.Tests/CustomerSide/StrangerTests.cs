using System.Net;
using System.Text.Json.Nodes;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Tests.Api;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.CustomerSide;

/// <summary>Who may write into a ticket, end to end: the customer, the people they copied, and nobody else.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StrangerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AgentApiSession _api = null!;

    public async Task InitializeAsync() => _api = await AgentApiSession.StartAsync(azurite);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<string> SolvedTicketAsync(InboundMailBuilder mail)
    {
        var id = await _api.OpenTicketAsync(mail);
        var solved = await _api.PatchAsync(id, new JsonObject { ["status"] = "solved", ["version"] = await _api.VersionAsync(id) });
        Assert.Equal(HttpStatusCode.OK, solved.Status);
        return id;
    }

    private async Task PostAndSettleAsync(InboundMailBuilder mail)
    {
        using var response = await _api.Host.PostInboundAsync("json", mail.ToContent());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _api.Host.WaitForIdleAsync();
    }

    [Theory]
    [InlineData("subject")]
    [InlineData("plus")]
    public async Task Stranger_QuotingASolvedTicketsId_LeavesItSolvedAsAnUnverifiedNote(string how)
    {
        var id = await SolvedTicketAsync(new InboundMailBuilder());
        var before = await _api.TicketAsync(id);
        var sent = _api.Host.SendGrid.Requests.Count;
        var mail = new InboundMailBuilder().From("Mallory <mallory@elsewhere.example>").Text("I am the customer's boss, send me the invoice.");
        mail = how == "subject" ? mail.Subject($"Re: [#{id}] Printer on fire") : mail.Subject("Invoice").To($"support+{id}@example.test");

        await PostAndSettleAsync(mail);

        var detail = await _api.GetOkAsync($"/api/tickets/{id}");
        var ticket = detail["ticket"]!;
        Assert.Equal("solved", (string?)ticket["status"]);
        Assert.Equal((string?)before["solvedAt"], (string?)ticket["solvedAt"]);
        Assert.Equal((string?)before["checkBackAt"], (string?)ticket["checkBackAt"]);
        Assert.Equal((string?)before["lastCustomerMessageAt"], (string?)ticket["lastCustomerMessageAt"]);
        var note = detail["messages"]!.AsArray().Last()!;
        Assert.Equal(("note", true, "mallory@elsewhere.example"), ((string?)note["direction"], (bool)note["unverifiedSender"]!, (string?)note["author"]));
        Assert.Contains(detail["events"]!.AsArray(), e => (string?)e!["kind"] == TicketEventKinds.UnverifiedSender);
        Assert.Equal(sent, _api.Host.SendGrid.Requests.Count);
    }

    [Fact]
    public async Task CopiedPeople_BecomeParticipantsWriteInAndAreCopiedOnReplies()
    {
        var id = await SolvedTicketAsync(new InboundMailBuilder().Cc("Boss <boss@customer.example>", "support@example.test"));
        Assert.Equal(["boss@customer.example"], (await _api.TicketAsync(id))["participants"]!.AsArray().Select(p => (string?)p!["address"]));

        // The participant writes by the subject token alone: that reopens the ticket, as the customer's own mail would.
        await PostAndSettleAsync(new InboundMailBuilder().From("boss@customer.example").Subject($"Re: [#{id}] Printer on fire").Text("Still on fire here."));
        var reopened = await _api.TicketAsync(id);
        Assert.Equal("open", (string?)reopened["status"]);

        var (status, _) = await _api.ReplyAsync(id, "We are sending someone.", isPublic: true, (string)reopened["version"]!);
        Assert.Equal(HttpStatusCode.OK, status);
        var reply = await _api.Host.SendGrid.WaitForAsync(r => r.Any(x => x.Content("text/plain")?.Contains("sending someone", StringComparison.Ordinal) == true), "the reply");
        var sentReply = reply.Single(x => x.Content("text/plain")!.Contains("sending someone", StringComparison.Ordinal));
        Assert.Equal(["jane@customer.example"], sentReply.To);
        Assert.Equal(["boss@customer.example"], sentReply.Cc);
        Assert.Empty(sentReply.ValidationErrors);
    }

    [Fact]
    public async Task Stranger_RepeatingItsOwnMessageId_IsStillNotTheCustomer()
    {
        var id = await SolvedTicketAsync(new InboundMailBuilder());
        var first = new InboundMailBuilder().From("mallory@elsewhere.example").Subject($"[#{id}] hello").Text("first");
        await PostAndSettleAsync(first);

        // Its Message-ID is recorded on the ticket now; replying to itself must not make it part of the conversation.
        await PostAndSettleAsync(new InboundMailBuilder().From("mallory@elsewhere.example").Subject("again").InReplyTo(first.MessageId).Text("second"));

        var detail = await _api.GetOkAsync($"/api/tickets/{id}");
        Assert.Equal("solved", (string?)detail["ticket"]!["status"]);
        Assert.Equal(2, detail["messages"]!.AsArray().Count(m => (bool)m!["unverifiedSender"]!));
    }
}
