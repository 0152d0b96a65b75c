using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ServerlessSupport.Storage.Account;

namespace ServerlessSupport.Testing;

/// <summary>
/// One Azurite process on loopback, in memory. Ports are picked by Azurite (port 0) and read from its output,
/// or given explicitly so a test can stop storage and bring it back on the same endpoints.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workspace;

    private AzuriteProcess(Process process, string workspace, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _workspace = workspace;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public StorageAccount Account => StorageAccount.Development("127.0.0.1", BlobPort, QueuePort, TablePort);

    /// <summary>A connection string for the app's <c>AzureWebJobsStorage</c> setting.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={StorageAccount.DevelopmentAccountName};AccountKey={StorageAccount.DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{StorageAccount.DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{StorageAccount.DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{StorageAccount.DevelopmentAccountName};";

    public static string ExecutablePath => RepositoryRoot.Combine("node_modules", ".bin", "azurite");

    public static async Task<AzuriteProcess> StartAsync(int blobPort = 0, int queuePort = 0, int tablePort = 0, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({ExecutablePath} is missing). Install it with `npm ci` in {RepositoryRoot.Path} (scripts/test.sh does this).");
        }

        var workspace = Directory.CreateTempSubdirectory("azurite-").FullName;
        var info = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        foreach (var arg in new[]
        {
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var ports = new Dictionary<string, int>();
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
                    if (ports.Count == 3)
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

        return new AzuriteProcess(process, workspace, ports["Blob"], ports["Queue"], ports["Table"]);
    }

    /// <summary>Stops this process; a new one on the same ports starts empty (storage is in memory).</summary>
    public async ValueTask DisposeAsync()
    {
        KillQuietly(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
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

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
