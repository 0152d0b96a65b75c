using ServerlessSupport.Storage;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;
using ServerlessSupport.Testing.Hosts;

namespace ServerlessSupport.Faults;

/// <summary>
/// One scenario's world: a fresh Azurite, the local SendGrid server (in this process), optional blackhole proxies in front
/// of the three storage services, and the app as one or more child processes on the chosen host, configured by app
/// settings only.
/// </summary>
internal sealed class FaultWorld : IAsyncDisposable
{
    private readonly List<AppInstance> _apps = [];
    private readonly Dictionary<string, string> _environment;

    private FaultWorld(AzuriteProcess azurite, FakeSendGridServer sendGrid, IReadOnlyList<Blackhole> proxies, string runFolder, Dictionary<string, string> environment)
    {
        Azurite = azurite;
        SendGrid = sendGrid;
        Proxies = proxies;
        RunFolder = runFolder;
        _environment = environment;
        Storage = new StorageClients(azurite.TableService, azurite.QueueService, azurite.BlobService, new StorageNames());
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

    public IReadOnlyList<AppInstance> Apps => _apps;

    /// <summary>The host every scenario runs the app on (<c>--host</c>).</summary>
    public static HostKind Host { get; set; } = HostKinds.Default;

    /// <summary>
    /// How long a message a killed instance was running stays hidden: the real host receives with a fixed 10-minute
    /// visibility (renewed while it runs); the standalone host's lease is shortened to 30 s here (<c>messageLease</c>).
    /// </summary>
    public static TimeSpan MessageLease => Host == HostKind.Real ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(30);

    public static async Task<FaultWorld> StartAsync(string scenario, bool proxied, IReadOnlyDictionary<string, string>? settings = null)
    {
        var azurite = await AzuriteProcess.StartAsync(AzuriteLayout.ForLoad);
        var sendGrid = await FakeSendGridServer.StartAsync();
        var proxies = proxied
            ? new[] { new Blackhole(azurite.BlobPort), new Blackhole(azurite.QueuePort), new Blackhole(azurite.TablePort) }
            : [];
        var (blob, queue, table) = proxied ? (proxies[0].Port, proxies[1].Port, proxies[2].Port) : (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        var runFolder = Directory.CreateTempSubdirectory($"faults-{scenario}-").FullName;

        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = AzuriteProcess.ConnectionStringFor(blob, queue, table),
            ["SendGrid__ApiKey"] = sendGrid.ApiKey,
            ["SendGrid__BaseUrl"] = sendGrid.BaseUrl.ToString(),
            ["Support__Address"] = Traffic.SupportAddress,
            ["Support__WebhookKeys"] = Traffic.WebhookKey,
            ["Support__SurveySigningKey"] = "faults-survey-signing-key-0123456789",
            ["Support__PolicyPath"] = Path.Combine(RepositoryRoot.Path, "config", "policy.json"),
            ["AzureFunctionsWebHost__hostid"] = "faults",

            // The sweeps as infra/main.bicep deploys them (the real host disables a timer whose schedule is unset).
            ["Support__FollowUpSchedule"] = "0 * * * * *",
            ["Support__EscalationSchedule"] = "30 * * * * *",
            ["Logging__LogLevel__Default"] = "Warning",
            ["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning",
            ["DOTNET_gcServer"] = "0",

            // host.json as shipped but for two harness changes: failed messages come back after 5 s (not 30 s), and the
            // standalone host leases a running message for 30 s (renewed at half-time) rather than 10 minutes, so a killed
            // instance's messages come back within a scenario (the real host's lease is fixed; see MessageLease).
            ["AzureFunctionsJobHost__extensions__queues__visibilityTimeout"] = "00:00:05",
            ["AzureFunctionsJobHost__extensions__queues__messageLease"] = "00:00:30",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new FaultWorld(azurite, sendGrid, proxies, runFolder, environment);
    }

    public async Task<AppInstance> StartAppAsync()
    {
        var name = $"app{_apps.Count + 1}";
        // Restarted when it dies, as the platform restarts an instance (the real host shuts down when storage is unreachable).
        var app = new AppInstance(Host, _environment, Path.Combine(RunFolder, name), name, captureLog: false, restartOnExit: true);
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
}
