using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;
using ServerlessSupport.Testing.Hosts;

namespace ServerlessSupport.Functions.Tests.Conformance;

/// <summary>
/// The app as a black box on one host: its own Azurite (the real host's triggers name fixed queues, so hosts never share
/// one), the local SendGrid server, and an instance configured only by app settings, the same settings on either host.
/// The sweeps run every two seconds; failed queue messages come back after one second.
/// </summary>
public abstract class HostedApp(HostKind kind) : IAsyncLifetime
{
    public const string SupportAddress = "support@conformance.test";
    public const string SurveySigningKey = "conformance-survey-signing-key";

    private readonly string _folder = Directory.CreateTempSubdirectory($"conformance-{kind.Name()}-").FullName;
    private readonly List<AppInstance> _instances = [];
    private string? _agentKey;

    public HostKind Kind => kind;

    public AzuriteProcess Azurite { get; private set; } = null!;

    public FakeSendGridServer SendGrid { get; private set; } = null!;

    /// <summary>Straight to Azurite: the test's own view of the app's storage.</summary>
    public StorageClients Storage { get; private set; } = null!;

    public AppInstance App { get; private set; } = null!;

    /// <summary>Whether this machine can run the host at all (the tests are skipped when not).</summary>
    public bool CanRun => kind == HostKind.Standalone || FunctionsHost.Available is not null;

    public async Task InitializeAsync()
    {
        if (!CanRun)
        {
            return;
        }

        Azurite = await AzuriteProcess.StartAsync();
        SendGrid = await FakeSendGridServer.StartAsync();
        Storage = new StorageClients(Azurite.TableService, Azurite.QueueService, Azurite.BlobService, new StorageNames());
        App = await StartInstanceAsync("app");
    }

    /// <summary>The settings every instance gets, by their app-setting names.</summary>
    public Dictionary<string, string> Settings(string? storageConnection = null) => new()
    {
        ["AzureWebJobsStorage"] = storageConnection ?? Azurite.ConnectionString,
        ["AzureFunctionsWebHost__hostid"] = "conformance",
        ["SendGrid__ApiKey"] = SendGrid.ApiKey,
        ["SendGrid__BaseUrl"] = SendGrid.BaseUrl.ToString(),
        ["Support__Address"] = SupportAddress,
        ["Support__TeamName"] = "Conformance Support",
        ["Support__WebhookKeys"] = "standalone-webhook-key",
        ["Support__SurveySigningKey"] = SurveySigningKey,
        ["Support__PolicyPath"] = RepositoryRoot.Combine("config", "policy.json"),
        ["Support__FollowUpSchedule"] = "*/2 * * * * *",
        ["Support__EscalationSchedule"] = "1-59/2 * * * * *",
        ["Dispatch__FirstRetryDelay"] = "00:00:00.500",

        // Short claims, so the re-check a duplicate delivery leaves on the queue comes due within a test.
        ["Dispatch__ClaimDuration"] = "00:00:02",
        ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:01",
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",

        // Warnings only, but the sweeps' one line per run, which shows each firing on either host.
        ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
        ["AzureFunctionsJobHost__logging__logLevel__Function"] = "Information",
        ["AzureFunctionsJobHost__logging__logLevel__Host.Function.Console"] = "Information",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__ServerlessSupport.Core.Sla.Sweeps.SlaSweepHandler"] = "Information",
    };

    /// <summary>Another instance of the app (same settings and host id unless <paramref name="settings"/> says otherwise).</summary>
    public async Task<AppInstance> StartInstanceAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var instance = new AppInstance(kind, settings ?? Settings(), Path.Combine(_folder, name), name);
        _instances.Add(instance);
        await instance.StartAsync();
        return instance;
    }

    /// <summary>Posts an email as JSON to the webhook, with the instance's function key unless told otherwise.</summary>
    public async Task<HttpResponseMessage> PostEmailAsync(JsonObject email, string? key = null, AppInstance? to = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        var instance = to ?? App;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/inbound/json")
        {
            Content = new StringContent(email.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }
        else
        {
            instance.WithKey(request);
        }

        return await instance.Http.SendAsync(request);
    }

    /// <summary>A customer's new email, from its own sender with its own Message-ID.</summary>
    public static JsonObject NewEmail(string subject = "My order has not arrived")
    {
        var id = Guid.NewGuid().ToString("N");
        return new JsonObject
        {
            ["from"] = $"Customer <c{id[..12]}@customer.test>",
            ["to"] = new JsonArray(SupportAddress),
            ["subject"] = $"{subject} ({id[..8]})",
            ["text"] = "Hello, my order 1234 has not arrived yet. Could you check where it is?",
            ["messageId"] = $"<{id}@customer.test>",
        };
    }

    /// <summary>Waits (30 s at most) for the first mail SendGrid is asked to send in reply to <paramref name="messageId"/>.</summary>
    public async Task<FakeSendGridRequest> WaitForReplyAsync(string messageId) =>
        (await SendGrid.WaitForAsync(r => r.Any(m => m.MailHeader("In-Reply-To") == messageId), $"a reply to {messageId}", TimeSpan.FromSeconds(30)))
            .First(m => m.MailHeader("In-Reply-To") == messageId);

    /// <summary>The mail SendGrid was asked to send in reply to <paramref name="messageId"/>.</summary>
    public IReadOnlyList<FakeSendGridRequest> RepliesTo(string messageId) =>
        [.. SendGrid.Requests.Where(r => r.MailHeader("In-Reply-To") == messageId)];

    /// <summary>An agent's API key, created once through the app's own <c>agent-key create</c> command.</summary>
    public async Task<string> AgentKeyAsync()
    {
        if (_agentKey is null)
        {
            var output = await App.RunCommandAsync("agent-key", "create", "alice");
            _agentKey = output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("ssk_", StringComparison.Ordinal));
        }

        return _agentKey;
    }

    public async Task<HttpClient> AgentClientAsync()
    {
        var client = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AgentKeyAsync());
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (SendGrid is not null)
        {
            await SendGrid.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Logs of a failed run may be worth a look; a leftover temporary folder is harmless.
        }
    }
}

/// <summary>The app on the real Azure Functions host.</summary>
public sealed class RealHostApp() : HostedApp(HostKind.Real);

/// <summary>The app on the standalone host.</summary>
public sealed class StandaloneHostApp() : HostedApp(HostKind.Standalone);
