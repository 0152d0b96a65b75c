using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Tests.Api;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.CustomerSide;

/// <summary>Intake records turned into tickets or dismissed by an agent, over the API, on the whole app.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecoveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AgentApiSession _api = null!;

    public async Task InitializeAsync() => _api = await AgentApiSession.StartAsync(azurite);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<IntakeRecord> PostSetAsideAsync(HttpContent content)
    {
        using var response = await _api.Host.PostInboundAsync("json", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _api.Host.WaitForIdleAsync();
        return Assert.Single(await _api.Host.GetIntakeRecordsAsync());
    }

    private Task<(HttpStatusCode Status, JsonNode? Body)> DecideAsync(string id, string what) =>
        _api.SendAsync(HttpMethod.Post, $"/api/intake-records/{id}/{what}");

    [Fact]
    public async Task Recover_AutomaticMailWithoutTicket_OpensATicketOnceWithoutAcknowledgment()
    {
        var mail = new InboundMailBuilder().From("Ana Lima <ana@example.net>").Subject("Automatic reply: order 1234").Header("Auto-Submitted", "auto-replied")
            .Text("I am away until Monday. About order 1234: the parcel never arrived, please resend.");
        var record = await PostSetAsideAsync(mail.ToContent());
        Assert.Equal(IntakeRecord.AutomaticUnthreaded, record.Kind);

        var first = await DecideAsync(record.Id, "recover");
        var second = await DecideAsync(record.Id, "recover");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var ticketId = (string?)first.Body!["ticket"];
        Assert.Equal(ticketId, (string?)second.Body!["ticket"]);
        Assert.Equal(("recovered", "alice"), ((string?)first.Body["outcome"], (string?)first.Body["outcomeBy"]));
        var tickets = await _api.Host.GetTicketsAsync();
        var ticket = Assert.Single(tickets);
        Assert.Equal(ticketId, ticket.Id.ToString());
        Assert.Equal("ana@example.net", ticket.Customer.Address);
        Assert.Null(ticket.AcknowledgedAt);
        Assert.Empty(_api.Host.SendGrid.Requests);
        var detail = await _api.GetOkAsync($"/api/tickets/{ticketId}");
        Assert.Contains(detail["events"]!.AsArray(), e => (string?)e!["kind"] == TicketEventKinds.RecoveredFromIntake && (string?)e["actor"] == "alice");
        Assert.Null(Assert.Single(detail["messages"]!.AsArray())!["automatic"]);

        var dismiss = await DecideAsync(record.Id, "dismiss");
        Assert.Equal(HttpStatusCode.Conflict, dismiss.Status);
        var listed = (await _api.GetOkAsync("/api/intake-records"))["items"]!.AsArray().Single()!;
        Assert.Equal(("recovered", ticketId, true), ((string?)listed["outcome"], (string?)listed["ticket"], (bool)listed["recoverable"]!));
    }

    [Fact]
    public async Task Recover_PayloadThatIsNoEmail_Answers422ThenDismissIsRecorded()
    {
        var record = await PostSetAsideAsync(PipelineHost.Body(Encoding.UTF8.GetBytes("""{"subject":"no sender at all","text":"?"}"""), "application/json"));
        Assert.Equal(IntakeRecord.Quarantined, record.Kind);

        var recover = await DecideAsync(record.Id, "recover");
        var dismiss = await DecideAsync(record.Id, "dismiss");
        var again = await DecideAsync(record.Id, "dismiss");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, recover.Status);
        Assert.Contains("cannot be read as an email", (string?)recover.Body!["error"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dismiss.Status);
        Assert.Equal(("dismissed", "alice"), ((string?)dismiss.Body!["outcome"], (string?)dismiss.Body["outcomeBy"]));
        Assert.Equal((string?)dismiss.Body["outcomeAt"], (string?)again.Body!["outcomeAt"]);
        Assert.Empty(await _api.Host.GetTicketsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync("no-such-record", "recover")).Status);
    }

    [Fact]
    public async Task Recover_PoisonMessage_ReadsThePayloadItCarriedAndOpensTheTicket()
    {
        var clients = _api.Host.Services.GetRequiredService<StorageClients>();
        var poison = clients.Queue(QueueNames.Inbound + StorageNames.PoisonSuffix);
        var mail = new InboundMailBuilder().From("Tom Berger <tom@example.org>").Subject("Poisoned but real").Text("Is there a discount for nonprofits?");
        var pointer = new InboundQueueMessage("2026/01/05/poisoned", InboundQueueMessage.JsonFormat, "application/json", TimeProvider.System.GetUtcNow()).WithInline(mail.ToBytes())!;
        await poison.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(pointer, CoreJsonContext.Default.InboundQueueMessage));
        await Eventually.TrueAsync(async () => (await _api.Host.GetIntakeRecordsAsync()).Count == 1, "the poison record");
        var record = Assert.Single(await _api.Host.GetIntakeRecordsAsync());

        var recovered = await DecideAsync(record.Id, "recover");

        Assert.Equal(HttpStatusCode.OK, recovered.Status);
        var ticket = Assert.Single(await _api.Host.GetTicketsAsync());
        Assert.Equal(("tom@example.org", "Poisoned but real"), (ticket.Customer.Address, ticket.Subject));
        Assert.Equal(ticket.Id.ToString(), (string?)recovered.Body!["ticket"]);
    }

    [Fact]
    public async Task IntakeDecisions_WithoutAgentKey_Answer401()
    {
        using var anonymous = new HttpClient { BaseAddress = _api.Host.Client.BaseAddress };

        using var response = await anonymous.PostAsync("/api/intake-records/x/dismiss", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
