using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ServerlessSupport.Testing;

/// <summary>
/// Azurite on loopback, as one process or one per service (<see cref="AzuriteLayout"/>). Ports are picked by Azurite
/// (port 0) and read from its output, or given explicitly so a test can stop storage and bring it back on the same
/// endpoints.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    private static readonly string[] CommonArguments =
        ["--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--disableProductStyleUrl"];

    private readonly IReadOnlyList<Process> _processes;
    private readonly string _workspace;
    private TableServiceClient? _tables;
    private QueueServiceClient? _queues;
    private BlobServiceClient? _blobs;

    private AzuriteProcess(IReadOnlyList<Process> processes, string workspace, int blobPort, int queuePort, int tablePort)
    {
        _processes = processes;
        _workspace = workspace;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The emulator's process ids (one, or one per service), for measuring what it costs.</summary>
    public IReadOnlyList<int> ProcessIds => [.. _processes.Select(p => p.Id)];

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The emulator's well-known account (its key is published, not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>A connection string for the app's <c>AzureWebJobsStorage</c> setting.</summary>
    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>SDK clients on this Azurite, set up as the app sets its own (Base64 queue messages); made once.</summary>
    public TableServiceClient TableService => _tables ??= new(ConnectionString);

    public QueueServiceClient QueueService => _queues ??= new(ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public BlobServiceClient BlobService => _blobs ??= new(ConnectionString);

    /// <summary>The connection string of the emulator account on loopback with the given ports.</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    public static string ExecutablePath => RepositoryRoot.Combine("node_modules", ".bin", "azurite");

    public static Task<AzuriteProcess> StartAsync(int blobPort = 0, int queuePort = 0, int tablePort = 0, CancellationToken cancellationToken = default) =>
        StartAsync(AzuriteLayout.InMemory, blobPort, queuePort, tablePort, cancellationToken);

    public static async Task<AzuriteProcess> StartAsync(AzuriteLayout layout, int blobPort = 0, int queuePort = 0, int tablePort = 0, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({ExecutablePath} is missing). Install it with `npm ci` in {RepositoryRoot.Path} (scripts/test.sh does this).");
        }

        var workspace = Directory.CreateTempSubdirectory("azurite-").FullName;
        // The stand-alone table service reports the port it was given, not the one it got, so pick free ports for it.
        int Port(int port) => layout.ProcessPerService && port == 0 ? LoopbackPort.Free() : port;
        var blob = new Service("blob", Port(blobPort), OnDisk: false);
        var queue = new Service("queue", Port(queuePort), layout.QueueOnDisk);
        var table = new Service("table", Port(tablePort), OnDisk: false);
        var groups = layout.ProcessPerService ? new[] { new[] { blob }, [queue], [table] } : [[blob, queue, table]];
        var started = new List<(Process Process, IReadOnlyDictionary<string, int> Ports)>();
        try
        {
            foreach (var group in groups)
            {
                started.Add(await StartProcessAsync(group, workspace, cancellationToken));
            }
        }
        catch
        {
            foreach (var (process, _) in started)
            {
                KillQuietly(process);
            }

            throw;
        }

        var ports = started.SelectMany(s => s.Ports).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new AzuriteProcess(started.Select(s => s.Process).ToList(), workspace, ports["Blob"], ports["Queue"], ports["Table"]);
    }

    /// <summary>Stops Azurite and deletes its workspace; a new one on the same ports starts empty.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            KillQuietly(process);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            process.Dispose();
        }

        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static async Task<(Process, IReadOnlyDictionary<string, int>)> StartProcessAsync(
        IReadOnlyList<Service> services, string workspace, CancellationToken cancellationToken)
    {
        var executable = services.Count == 1 ? RepositoryRoot.Combine("node_modules", ".bin", "azurite-" + services[0].Option) : ExecutablePath;
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        foreach (var arg in CommonArguments)
        {
            info.ArgumentList.Add(arg);
        }

        if (services.Any(s => s.OnDisk))
        {
            var location = Path.Combine(workspace, string.Join('-', services.Select(s => s.Option)));
            Directory.CreateDirectory(location);
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(location);
        }
        else
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }

        foreach (var service in services)
        {
            info.ArgumentList.Add($"--{service.Option}Host");
            info.ArgumentList.Add("127.0.0.1");
            info.ArgumentList.Add($"--{service.Option}Port");
            info.ArgumentList.Add(service.Port.ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        void OnLine(string? line)
        {
            if (line is null)
            {
                ready.TrySetException(new InvalidOperationException($"Azurite exited before it was listening:\n{output}"));
                return;
            }

            lock (ports)
            {
                output.AppendLine(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (ports.Count == services.Count)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (ports)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            KillQuietly(process);
            throw;
        }

        return (process, ports);
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private sealed record Service(string Option, int Port, bool OnDisk);

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service (?:is successfully listening at|successfully listens on|successfully started on) (?:http://)?127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
