using System.Text.Json.Nodes;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Faults;

/// <summary>
/// One scenario's world: a fresh Azurite, the local SendGrid server (in this process), optional blackhole proxies in front
/// of the three storage services, and the app as one or more child processes with a fresh storage prefix.
/// </summary>
internal sealed class FaultWorld : IAsyncDisposable
{
    private readonly List<AppProcess> _apps = [];
    private readonly Dictionary<string, string> _environment;

    private FaultWorld(AzuriteProcess azurite, FakeSendGridServer sendGrid, IReadOnlyList<Blackhole> proxies, string runFolder, Dictionary<string, string> environment)
    {
        Azurite = azurite;
        SendGrid = sendGrid;
        Proxies = proxies;
        RunFolder = runFolder;
        _environment = environment;
        Storage = new StorageClients(azurite.TableService, azurite.QueueService, azurite.BlobService, new StorageNames(environment["Storage__Prefix"]));
        Invariant = new Invariant(Storage, sendGrid);
    }

    public AzuriteProcess Azurite { get; }

    public FakeSendGridServer SendGrid { get; }

    /// <summary>Blob, queue, table proxies (empty unless asked for).</summary>
    public IReadOnlyList<Blackhole> Proxies { get; }

    public string RunFolder { get; }

    /// <summary>Straight to Azurite, around any proxy: the harness's own view.</summary>
    public StorageClients Storage { get; }

    public Invariant Invariant { get; }

    public IReadOnlyList<AppProcess> Apps => _apps;

    public static async Task<FaultWorld> StartAsync(string scenario, bool proxied, IReadOnlyDictionary<string, string>? settings = null)
    {
        var azurite = await AzuriteProcess.StartAsync(AzuriteLayout.ForLoad);
        var sendGrid = await FakeSendGridServer.StartAsync();
        var proxies = proxied
            ? new[] { new Blackhole(azurite.BlobPort), new Blackhole(azurite.QueuePort), new Blackhole(azurite.TablePort) }
            : [];
        var (blob, queue, table) = proxied ? (proxies[0].Port, proxies[1].Port, proxies[2].Port) : (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        var runFolder = Directory.CreateTempSubdirectory($"faults-{scenario}-").FullName;
        WriteHostJson(runFolder);

        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = AzuriteProcess.ConnectionStringFor(blob, queue, table),
            ["SendGrid__ApiKey"] = sendGrid.ApiKey,
            ["SendGrid__BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["Support__Address"] = Traffic.SupportAddress,
            ["Support__WebhookKeys"] = Traffic.WebhookKey,
            ["Support__SurveySigningKey"] = "faults-survey-signing-key-0123456789",
            ["Support__PolicyPath"] = Path.Combine(RepositoryRoot.Path, "config", "policy.json"),
            ["Storage__Prefix"] = "f" + Guid.NewGuid().ToString("N")[..8],
            ["AzureFunctionsWebHost__hostid"] = "faults",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new FaultWorld(azurite, sendGrid, proxies, runFolder, environment);
    }

    public async Task<AppProcess> StartAppAsync()
    {
        var app = new AppProcess($"app{_apps.Count + 1}", _environment, RunFolder, RunFolder);
        _apps.Add(app);
        await app.StartAsync();
        return app;
    }

    public async Task<int> QueueDepthAsync(string queue) => (await Storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        foreach (var proxy in Proxies)
        {
            await proxy.DisposeAsync();
        }

        await SendGrid.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>
    /// The repository's host.json with two harness changes: failed messages retry after 5 s (not 30 s) and a running
    /// message is leased for 30 s (renewed at half-time) rather than 10 minutes, so a killed instance's messages come back
    /// within a scenario. Everything else (batch size, 5 deliveries before poison) is the shipped configuration.
    /// </summary>
    private static void WriteHostJson(string folder)
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")))!.AsObject();
        var queues = host["extensions"]!["queues"]!.AsObject();
        queues["visibilityTimeout"] = "00:00:05";
        queues["messageLease"] = "00:00:30";
        File.WriteAllText(Path.Combine(folder, "host.json"), host.ToJsonString());
    }
}
