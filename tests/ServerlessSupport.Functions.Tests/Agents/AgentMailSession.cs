using System.Net;
using System.Text.Json.Nodes;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Functions.Tests.Api;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Agents;

/// <summary>
/// The whole app (PipelineHost over HTTP, Azurite, the local SendGrid server) with reply addresses signed and agent
/// "alice" at <see cref="AgentAddress"/>; "lead" assigns tickets (an agent is not told of what they do themselves). The escalation sweep's timer is set to once a year: a test runs the sweep itself,
/// through the app's own <see cref="SlaSweepHandler"/>, so it alone decides when notifications go out.
/// </summary>
internal sealed class AgentMailSession : IAsyncDisposable
{
    public const string AgentAddress = "alice@agents.example";
    public const string Customer = "jane@customer.example";

    private AgentMailSession(AgentApiSession api, HttpClient lead)
    {
        Api = api;
        Lead = lead;
    }

    public AgentApiSession Api { get; }

    /// <summary>Authenticated as "lead", who has no address.</summary>
    public HttpClient Lead { get; }

    public PipelineHost Host => Api.Host;

    public FakeSendGridServer SendGrid => Host.SendGrid;

    public static async Task<AgentMailSession> StartAsync(AzuriteFixture azurite)
    {
        var api = await AgentApiSession.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Support:ReplyAddressKeys"] = "2:test-reply-address-key-new,1:test-reply-address-key-old",
            ["Support:EscalationSchedule"] = "0 0 0 1 1 *",
        });
        var session = new AgentMailSession(api, api.Host.CreateAgentClient(await api.Host.CreateAgentKeyAsync("lead")));
        var (status, body) = await api.SendAsync(HttpMethod.Patch, "/api/me", new JsonObject { ["email"] = AgentAddress });
        Assert.True(status == HttpStatusCode.OK, $"PATCH /api/me: {(int)status} {body}");
        return session;
    }

    /// <summary>A customer's mail opens a ticket (its acknowledgment sent); the ticket id.</summary>
    public Task<string> OpenTicketAsync(string subject = "Printer on fire", string text = "Hello, my printer is on fire. What should I do?") =>
        Api.OpenTicketAsync(new InboundMailBuilder().From($"Jane Doe <{Customer}>").Subject(subject).Text(text));

    public async Task AssignAsync(string id, string agent = "alice")
    {
        var (status, body) = await Api.SendAsync(HttpMethod.Patch, $"/api/tickets/{id}", new JsonObject { ["assignee"] = agent, ["version"] = await Api.VersionAsync(id) }, Lead);
        Assert.True(status == HttpStatusCode.OK, $"PATCH /api/tickets/{id}: {(int)status} {body}");
    }

    /// <summary>Runs the escalation sweep once, as its timer would, and waits for what it sent.</summary>
    public async Task SweepAsync()
    {
        await Host.Services.GetRequiredService<SlaSweepHandler>().RunAsync(DueKinds.EscalationSweep, default);
        await Host.WaitForIdleAsync();
    }

    /// <summary>Runs the sweep, as its timer would every few seconds, until <paramref name="done"/> (a row just written may fall to the next run).</summary>
    public async Task SweepUntilAsync(Func<bool> done, string what)
    {
        for (var run = 0; run < 40 && !done(); run++)
        {
            await SweepAsync();
            if (!done())
            {
                await Task.Delay(250);
            }
        }

        Assert.True(done(), $"After 40 sweeps, still no {what}.");
    }

    /// <summary>Opens a ticket, assigns it to alice and sweeps: the assignment notice she got.</summary>
    public async Task<(string Ticket, FakeSendGridRequest Notice)> AssignedTicketAsync()
    {
        var id = await OpenTicketAsync();
        await AssignAsync(id);
        await SweepUntilAsync(() => SendGrid.Requests.Any(m => IsNoticeTo(m, id)), $"the notice of ticket {id} to {AgentAddress}");
        return (id, Assert.Single(SendGrid.Requests, m => IsNoticeTo(m, id)));
    }

    /// <summary>Posts the agent's mail and waits until the pipeline is idle; SendGrid requests made meanwhile.</summary>
    public async Task<IReadOnlyList<FakeSendGridRequest>> PostAsync(AgentMailBuilder mail, InboundMode mode)
    {
        var before = SendGrid.Requests.Count;
        using var content = mail.ToContent(mode);
        using var response = await Host.PostInboundAsync(AgentMailBuilder.Route(mode), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Host.WaitForIdleAsync();
        return [.. SendGrid.Requests.Skip(before)];
    }

    /// <summary>GET /api/tickets/{id}: the ticket, its messages and its events.</summary>
    public Task<JsonNode> DetailAsync(string id) => Api.GetOkAsync($"/api/tickets/{id}");

    public static bool IsNoticeTo(FakeSendGridRequest mail, string ticket) =>
        mail.To.Contains(AgentAddress) && mail.Subject?.Contains($"[#{ticket}]", StringComparison.Ordinal) == true && mail.Subject.Contains("Assigned to you", StringComparison.Ordinal);

    public ValueTask DisposeAsync()
    {
        Lead.Dispose();
        return Api.DisposeAsync();
    }
}
