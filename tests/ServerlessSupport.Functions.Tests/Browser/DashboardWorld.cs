using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Storage.Agents;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Browser;

/// <summary>
/// The whole app (PipelineHost on Azurite + fake SendGrid) serving the dashboard from the source wwwroot, an agent key,
/// and tickets made the real way: inbound JSON mail through the webhook.
/// </summary>
internal sealed class DashboardWorld : IAsyncDisposable
{
    private DashboardWorld(PipelineHost host, string agentKey)
    {
        Host = host;
        AgentKey = agentKey;
    }

    public PipelineHost Host { get; }

    public string AgentKey { get; }

    public Uri BaseAddress => Host.Client.BaseAddress!;

    public static async Task<DashboardWorld> StartAsync(AzuriteFixture azurite, string agent = "alice")
    {
        // The tests' content root is the repository; the dashboard's files live with the app's source.
        var host = await PipelineHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["webroot"] = RepositoryRoot.Combine("src", "ServerlessSupport.Functions", "wwwroot"),
        });
        var created = await host.Services.GetRequiredService<TableAgentKeyStore>().CreateAsync(agent, default);
        return new DashboardWorld(host, created.Secret);
    }

    /// <summary>Posts a customer's email and waits until it is a ticket with its acknowledgment sent.</summary>
    public async Task<Ticket> OpenTicketAsync(InboundMailBuilder mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var response = await Host.PostInboundAsync("json", mail.ToContent());
        response.EnsureSuccessStatusCode();
        await Host.WaitForIdleAsync();
        return await Host.FindTicketByMessageIdAsync(mail.MessageId)
            ?? throw new InvalidOperationException($"No ticket was opened for {mail.MessageId}.");
    }

    /// <summary>Changes a ticket through the agent API (test set-up that is not what the test is about).</summary>
    public async Task PatchAsync(TicketId id, JsonObject changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        changes["version"] = await VersionAsync(id);
        await SendAsync(HttpMethod.Patch, $"/api/tickets/{id}", changes);
    }

    /// <summary>A public reply through the agent API (test set-up): it keeps the ticket's open first-response promise.</summary>
    public async Task ReplyAsync(TicketId id, string text) =>
        await SendAsync(HttpMethod.Post, $"/api/tickets/{id}/replies", new JsonObject { ["text"] = text, ["public"] = true, ["version"] = await VersionAsync(id) });

    /// <summary>
    /// Moves the dates of a ticket's open promises, as if time had passed: the API takes no promise dated in the past.
    /// The sweep's checks stay where they were, so no sweep settles them during the test.
    /// </summary>
    public async Task MoveOpenPromisesAsync(TicketId id, TimeSpan fromNow)
    {
        var store = Host.Services.GetRequiredService<ITicketStore>();
        var ticket = await store.GetAsync(id, default) ?? throw new InvalidOperationException($"Ticket {id} is gone.");
        var by = TimeProvider.System.GetUtcNow() + fromNow;
        var promises = ticket.Sla.Promises.Select(p => p.IsOpen ? p with { By = by } : p).ToList();
        await store.CommitAsync(new TicketCommit(ticket with { Sla = ticket.Sla with { Promises = promises } }), default);
    }

    /// <summary>
    /// Moves a ticket's first-response deadline (and marks escalation levels fired), as if time had passed: the app runs
    /// on the real clock, and a screenshot should show the amber and red rows without waiting hours. The first reply the
    /// acknowledgment promised moves with it (its sweep check stays, as in <see cref="MoveOpenPromisesAsync"/>).
    /// </summary>
    public async Task MoveFirstResponseDueAsync(TicketId id, TimeSpan fromNow, int levelsFired = 0)
    {
        var store = Host.Services.GetRequiredService<ITicketStore>();
        var ticket = await store.GetAsync(id, default) ?? throw new InvalidOperationException($"Ticket {id} is gone.");
        var due = TimeProvider.System.GetUtcNow() + fromNow;
        var state = ticket.Sla.FirstResponse ?? throw new InvalidOperationException($"Ticket {id} has no first-response clock.");
        var promises = ticket.Sla.Promises.Select(p => p.IsOpen && p.Kind == PromiseKind.FirstResponse ? p with { By = due } : p).ToList();
        var moved = ticket with
        {
            FirstResponseDue = due,
            Sla = ticket.Sla.WithTarget(TargetKind.FirstResponse, state with { DueAt = due, LevelsFired = levelsFired }) with { Promises = promises },
        };
        await store.CommitAsync(new TicketCommit(moved), default);
    }

    /// <summary>Solves the ticket through the agent API and returns the survey link its check-back would carry.</summary>
    public async Task<string> SolveAndSurveyLinkAsync(TicketId id, SurveyRating rating)
    {
        await PatchAsync(id, new JsonObject { ["status"] = "solved" });
        var ticket = await Host.Services.GetRequiredService<ITicketStore>().GetAsync(id, default) ?? throw new InvalidOperationException($"Ticket {id} is gone.");
        var token = new SurveyTokens("test-survey-signing-key").Create(id, rating, TimeProvider.System.GetUtcNow().AddDays(14), ticket.ResolutionCount);
        return $"/api/csat/{token}";
    }

    /// <summary>Answers a survey link the way its page's form does (test set-up for the CSAT figures).</summary>
    public async Task AnswerSurveyAsync(string link, string rating, string comment)
    {
        using var response = await Host.Client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["rating"] = rating, ["comment"] = comment }));
        response.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private async Task<string?> VersionAsync(TicketId id)
    {
        using var request = Request(HttpMethod.Get, $"/api/tickets/{id}");
        using var response = await Host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var detail = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (string?)detail?["ticket"]?["version"];
    }

    private async Task SendAsync(HttpMethod method, string path, JsonObject body)
    {
        using var request = Request(method, path);
        request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AgentKey);
        return request;
    }
}
