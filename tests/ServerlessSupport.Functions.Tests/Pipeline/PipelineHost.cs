using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Standalone;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Pipeline;

/// <summary>
/// The whole app in standalone mode on a free loopback port, against the shared Azurite (with its own table, queue and
/// container names, so tests don't see each other) and its own local SendGrid server.
/// </summary>
internal sealed class PipelineHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PipelineHost(WebApplication app, FakeSendGridServer sendGrid, Uri baseAddress, string prefix)
    {
        _app = app;
        SendGrid = sendGrid;
        Prefix = prefix;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
    }

    public string SupportAddress => "support@example.test";

    public string WebhookKey => "test-webhook-key";

    public FakeSendGridServer SendGrid { get; }

    public HttpClient Client { get; }

    /// <summary>The storage name prefix this host's tables, queues and containers use.</summary>
    public string Prefix { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="services">Runs after the app's registrations (e.g. to attach an in-memory exporter).</param>
    public static async Task<PipelineHost> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken ct = default, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var sendGrid = await FakeSendGridServer.StartAsync(cancellationToken: ct);
        var prefix = AzuriteFixture.UniqueName("p")[..10];
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["SendGrid:ApiKey"] = sendGrid.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["Support:Address"] = "support@example.test",
            ["Support:TeamName"] = "Example Support",
            ["Support:WebhookKeys"] = "test-webhook-key,second-key",
            ["Support:SurveySigningKey"] = "test-survey-signing-key",
            ["Support:PolicyPath"] = RepositoryRoot.Combine("config", "policy.json"),
            ["Storage:Prefix"] = prefix,
            ["Dispatch:FirstRetryDelay"] = "00:00:00.500",

            // Short claims so the re-check a duplicate delivery leaves behind comes due within a test.
            ["Dispatch:ClaimDuration"] = "00:00:02",
            ["AzureFunctionsWebHost:hostid"] = prefix,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        // Settings go in as command-line arguments: the app reads some while it registers services.
        string[] args = ["--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryRoot.Path, .. values.Select(v => $"--{v.Key}={v.Value}")];
        var app = StandaloneHost.Build(args, builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.RemoveAll<QueueListenerOptions>();
            builder.Services.AddSingleton(new QueueListenerOptions
            {
                MaxPollingInterval = TimeSpan.FromMilliseconds(200),
                MinPollingInterval = TimeSpan.FromMilliseconds(20),
                VisibilityTimeout = TimeSpan.FromMilliseconds(200),
            });
            services?.Invoke(builder.Services);
        });
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PipelineHost(app, sendGrid, new Uri(address), prefix);
    }

    public async Task<HttpResponseMessage> PostInboundAsync(string kind, HttpContent content, bool authenticate = true, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inbound/{kind}") { Content = content };
        if (authenticate)
        {
            request.Headers.Add("x-functions-key", WebhookKey);
        }

        return await Client.SendAsync(request, ct);
    }

    public static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>Waits until the inbound and outbound queues are empty (visible and invisible messages alike).</summary>
    public async Task WaitForIdleAsync(TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var clients = Services.GetRequiredService<StorageClients>();
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30));
        var quiet = 0;
        while (true)
        {
            var inbound = await clients.Queue(QueueNames.Inbound).CountAsync(ct);
            var outbound = await clients.Queue(QueueNames.Outbound).CountAsync(ct);
            quiet = inbound + outbound == 0 ? quiet + 1 : 0;
            if (quiet >= 3)
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The pipeline did not go idle: inbound={inbound} outbound={outbound}.");
            }

            await Task.Delay(100, ct);
        }
    }

    public async Task<IReadOnlyList<Ticket>> GetTicketsAsync(CancellationToken ct = default)
    {
        var table = Services.GetRequiredService<StorageClients>().Table(StorageNames.Tickets);
        var result = new List<Ticket>();
        await foreach (var entity in table.QueryAsync<Azure.Data.Tables.TableEntity>("RowKey eq 'ticket'", cancellationToken: ct))
        {
            result.Add(Storage.Tickets.TicketEntityMapper.ToTicket(entity));
        }

        return result;
    }

    public async Task<Ticket?> FindTicketByMessageIdAsync(string messageId, CancellationToken ct = default)
    {
        var id = await Services.GetRequiredService<IMessageIndex>().FindAsync(messageId, ct);
        return id is null ? null : await Services.GetRequiredService<ITicketStore>().GetAsync(id.Value, ct);
    }

    public Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(TicketId id, CancellationToken ct = default) =>
        Services.GetRequiredService<ITicketStore>().GetMessagesAsync(id, ct);

    public Task<IReadOnlyList<TicketEvent>> GetEventsAsync(TicketId id, CancellationToken ct = default) =>
        Services.GetRequiredService<ITicketStore>().GetEventsAsync(id, ct);

    public Task<IReadOnlyList<IntakeRecord>> GetIntakeRecordsAsync(CancellationToken ct = default) =>
        Services.GetRequiredService<IIntakeRecords>().ListAsync(1000, ct);

    /// <summary>Creates an agent API key in this host's storage (as <c>agent-key create</c> does) and returns the key text.</summary>
    public async Task<string> CreateAgentKeyAsync(string agent = "alice", CancellationToken ct = default) =>
        (await Services.GetRequiredService<Storage.Agents.TableAgentKeyStore>().CreateAsync(agent, ct)).Secret;

    /// <summary>A client for the agents' API that sends <paramref name="key"/> as a bearer token.</summary>
    public HttpClient CreateAgentClient(string key)
    {
        var client = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = Client.Timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await SendGrid.DisposeAsync();
    }
}
