using System.Diagnostics;
using System.Globalization;

namespace ServerlessSupport.Faults;

/// <summary>
/// The standalone app as a child process (so it can be SIGKILLed): the Release build of ServerlessSupport.Standalone,
/// its output appended to a log file in the run folder.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _contentRoot;
    private readonly string _logPath;
    private Process? _process;

    public AppProcess(string name, IReadOnlyDictionary<string, string> environment, string contentRoot, string runFolder)
    {
        _environment = environment;
        _contentRoot = contentRoot;
        _logPath = Path.Combine(runFolder, name + ".log");
        Port = Testing.LoopbackPort.Free();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public static string DllPath => Path.Combine(Testing.RepositoryRoot.Path, "src", "ServerlessSupport.Standalone", "bin", "Release", "net10.0", "ServerlessSupport.Standalone.dll");

    public int Port { get; }

    public HttpClient Http { get; }

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public int Starts { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _contentRoot,
        };
        foreach (var arg in new[] { DllPath, "--urls", $"http://127.0.0.1:{Port}", "--contentRoot", _contentRoot })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        _process = process;
        Starts++;
        await WaitHealthyAsync(cancellationToken);
    }

    /// <summary>SIGKILL: no shutdown, no settling, exactly what a crashed or evicted instance does.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>VmRSS from /proc in MiB, or 0 when the process is gone.</summary>
    public double RssMiB()
    {
        try
        {
            if (Pid is not { } pid)
            {
                return 0;
            }

            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Http.Dispose();
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 600; i++)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"The app exited during start; see {_logPath}.");
            }

            try
            {
                // Any answer means it listens; health itself may say storage is down, which is what some scenarios want.
                using var response = await Http.GetAsync("/api/health", cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException($"The app did not answer /api/health within 60 s; see {_logPath}.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
        catch (ObjectDisposedException)
        {
            // The process is gone and so is its log.
        }
    }
}
