using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Functions.Tests.Pipeline;

namespace ServerlessSupport.Functions.Tests.Api;

/// <summary>The app (PipelineHost) with an agent key and helpers to open tickets by email and call the API as JSON.</summary>
internal sealed class AgentApiSession : IAsyncDisposable
{
    private AgentApiSession(PipelineHost host, HttpClient agent, string key)
    {
        Host = host;
        Agent = agent;
        Key = key;
    }

    public PipelineHost Host { get; }

    /// <summary>Authenticated as "alice".</summary>
    public HttpClient Agent { get; }

    public string Key { get; }

    /// <param name="settings">App settings over PipelineHost's (e.g. reply address keys, sweep schedules).</param>
    public static async Task<AgentApiSession> StartAsync(Testing.AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await PipelineHost.StartAsync(azurite, settings);
        var key = await host.CreateAgentKeyAsync("alice");
        return new AgentApiSession(host, host.CreateAgentClient(key), key);
    }

    /// <summary>Sends an email in, waits until its ticket exists and the acknowledgment is out, and returns the ticket id.</summary>
    public async Task<string> OpenTicketAsync(InboundMailBuilder mail)
    {
        var before = Host.SendGrid.Requests.Count;
        using var response = await Host.PostInboundAsync("json", mail.ToContent());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Host.SendGrid.WaitForRequestsAsync(before + 1);
        await Host.WaitForIdleAsync();
        var ticket = await Host.FindTicketByMessageIdAsync(mail.MessageId);
        return ticket!.Id.ToString();
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is JsonNode node)
        {
            request.Content = new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await (client ?? Agent).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> GetOkAsync(string path)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body}");
        return body!;
    }

    public async Task<JsonNode> TicketAsync(string id) => (await GetOkAsync($"/api/tickets/{id}"))["ticket"]!;

    public async Task<string> VersionAsync(string id) => (string)(await TicketAsync(id))["version"]!;

    public Task<(HttpStatusCode Status, JsonNode? Body)> PatchAsync(string id, JsonObject body) =>
        SendAsync(HttpMethod.Patch, $"/api/tickets/{id}", body);

    /// <param name="promise">The reply's promise: <c>{kind, by}</c>.</param>
    public Task<(HttpStatusCode Status, JsonNode? Body)> ReplyAsync(string id, string text, bool isPublic, string version, JsonObject? promise = null) =>
        SendAsync(HttpMethod.Post, $"/api/tickets/{id}/replies", new JsonObject { ["text"] = text, ["public"] = isPublic, ["version"] = version, ["promise"] = promise });

    /// <summary>A reply's <c>promise</c>: <paramref name="kind"/> by now plus <paramref name="fromNow"/>, with the UTC offset.</summary>
    public static JsonObject Promise(string kind, TimeSpan fromNow) => new()
    {
        ["kind"] = kind,
        ["by"] = (TimeProvider.System.GetUtcNow() + fromNow).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Rewrites a ticket's promises in storage, as if time had passed: the app runs on the real clock, and the API takes
    /// no promise dated in the past.
    /// </summary>
    public async Task EditPromisesAsync(string id, Func<TicketPromise, TicketPromise> edit)
    {
        var store = Host.Services.GetRequiredService<ITicketStore>();
        var ticket = await store.GetAsync(TicketId.Parse(id), default) ?? throw new InvalidOperationException($"Ticket {id} is gone.");
        var promises = ticket.Sla.Promises.Select(edit).ToList();
        await store.CommitAsync(new TicketCommit(ticket with { Sla = ticket.Sla with { Promises = promises } }), default);
    }

    public async ValueTask DisposeAsync()
    {
        Agent.Dispose();
        await Host.DisposeAsync();
    }
}
