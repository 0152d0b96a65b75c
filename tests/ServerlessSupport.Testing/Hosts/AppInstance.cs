using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ServerlessSupport.Testing.Hosts;

/// <summary>
/// One instance of the app as a child process on a free loopback port, on the real Functions host or the standalone host,
/// configured only through app settings (environment variables, as Azure passes them). It can be stopped, killed and
/// started again on the same port with the same keys and folder. Its output goes to <see cref="LogPath"/> and, unless
/// switched off, to <see cref="Log"/>.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly ConcurrentQueue<LogLine> _log = new();
    private readonly bool _captureLog;
    private readonly bool _restartOnExit;
    private Process? _process;
    private StreamWriter? _logFile;
    private bool _stopping;
    private Process? _killed;

    /// <param name="settings">App settings by their environment names (<c>Support__Address</c>, <c>AzureWebJobsStorage</c>…).</param>
    /// <param name="folder">The instance's own folder: the standalone host's content root, the real host's keys and logs.</param>
    /// <param name="captureLog">Keep the output in memory too (tests read it; long benchmarks should not).</param>
    /// <param name="restartOnExit">
    /// Start the instance again when it exits unasked, as the platform does on Azure: the Functions host shuts itself down
    /// when its queue listener cannot reach storage, and relies on being restarted.
    /// </param>
    public AppInstance(HostKind kind, IReadOnlyDictionary<string, string> settings, string folder, string name = "app", bool captureLog = true, bool restartOnExit = false)
    {
        Kind = kind;
        Name = name;
        Folder = Directory.CreateDirectory(folder).FullName;
        _settings = settings;
        _captureLog = captureLog;
        _restartOnExit = restartOnExit;
        Port = LoopbackPort.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        LogPath = Path.Combine(Folder, name + ".log");
        if (kind == HostKind.Standalone)
        {
            FunctionKey = settings.TryGetValue("Support__WebhookKeys", out var keys) ? keys.Split(',')[0].Trim() : string.Empty;
        }
    }

    public HostKind Kind { get; }

    public string Name { get; }

    public string Folder { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client on the instance; it sends no key by itself (see <see cref="WithKey"/>).</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// The key for functions of level Function (the webhook, the dev outbox): from the real host's own key store (its
    /// <c>default</c> host key), or the standalone host's <c>Support__WebhookKeys</c>.
    /// </summary>
    public string FunctionKey { get; private set; } = string.Empty;

    /// <summary>The real host's master key (its admin API), read from its key store; empty on the standalone host.</summary>
    public string MasterKey { get; private set; } = string.Empty;

    public string LogPath { get; }

    public IReadOnlyList<LogLine> Log => [.. _log];

    /// <summary>The host's process id while it runs (on the real host the worker is its child).</summary>
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public int Starts { get; private set; }

    /// <summary>How often the instance exited unasked (and, with restart on exit, was started again).</summary>
    public int Exits { get; private set; }

    public HttpRequestMessage WithKey(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add("x-functions-key", FunctionKey);
        return request;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Pid is not null)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var info = Kind == HostKind.Real ? await RealHostStartInfoAsync() : StandaloneStartInfo();
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        foreach (var (key, value) in _settings)
        {
            info.Environment[key] = value;
        }

        if (_logFile is not null)
        {
            await _logFile.DisposeAsync();
        }

        _logFile = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        _stopping = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{Name} did not start.");
        var logFile = _logFile;
        process.OutputDataReceived += (_, e) => Write(logFile, e.Data);
        process.ErrorDataReceived += (_, e) => Write(logFile, e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => OnExited(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await (Kind == HostKind.Real ? WaitRunningAsync(timeout.Token) : WaitListeningAsync(timeout.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            var tail = string.Join('\n', _log.TakeLast(40).Select(l => l.Text));
            await KillProcessAsync();
            throw new InvalidOperationException($"{Name} ({Kind.Name()} host) did not start: {ex.Message}\nLog {LogPath}, last lines:\n{tail}", ex);
        }
    }

    /// <summary>
    /// Runs one of the app's command-line verbs (<c>agent-key create alice</c>) with this instance's settings, through the
    /// executable of its host (the worker's DLL under the real host); returns what it printed.
    /// </summary>
    public async Task<string> RunCommandAsync(params string[] args)
    {
        var dll = Kind == HostKind.Real
            ? Path.Combine(await AppBuild.FunctionAppAsync(), "ServerlessSupport.Functions.dll")
            : AppBuild.StandaloneDll;
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in _settings)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("The command did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? stdout
            : throw new InvalidOperationException($"{string.Join(' ', args)} exited with {process.ExitCode}:\n{stdout}\n{await stderr}");
    }

    /// <summary>SIGKILL of the whole tree: no shutdown, no settling, what a crashed or evicted instance does.</summary>
    public async Task KillAsync()
    {
        _stopping = true;
        await KillProcessAsync();
    }

    /// <summary>SIGTERM and a graceful drain (as a scale-in); killed after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        _stopping = true;
        if (_process is not { HasExited: false } p)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
        try
        {
            await p.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillProcessAsync();
        }
    }

    /// <summary>CPU time of the host and everything it started (the worker, on the real host).</summary>
    public TimeSpan CpuTime() => Pid is { } pid ? ProcessTree.CpuTime(pid) : TimeSpan.Zero;

    /// <summary>CPU time of each process of the instance (the host and the worker, on the real host).</summary>
    public IReadOnlyList<(int Pid, string Command, TimeSpan Cpu)> CpuTimes() => Pid is { } pid ? ProcessTree.CpuTimes(pid) : [];

    /// <summary>CPU time of the runtime's background JIT threads in every process of the instance (busy while warming up).</summary>
    public TimeSpan JitCpuTime() => Pid is { } pid ? ProcessTree.ThreadCpuTime(pid, ".NET Tiered Com") : TimeSpan.Zero;

    public double RssMiB() => Pid is { } pid ? ProcessTree.RssMiB(pid) : 0;

    /// <summary>The lines written since <paramref name="since"/> that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<LogLine> LinesContaining(string text, DateTimeOffset? since = null) =>
        [.. _log.Where(l => (since is null || l.At >= since) && l.Text.Contains(text, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Http.Dispose();
        if (_logFile is not null)
        {
            await _logFile.DisposeAsync();
        }
    }

    private async Task KillProcessAsync()
    {
        if (_process is { HasExited: false } p)
        {
            _killed = p;
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    private void OnExited(Process process)
    {
        // Exits asked for (stop, kill, a start that failed) are not the instance dying.
        if (_stopping || process != _process || process == _killed)
        {
            return;
        }

        Exits++;
        if (_restartOnExit)
        {
            _ = RestartAsync();
        }
    }

    /// <summary>Starts the instance again a second after it died, retrying while it cannot start, until asked to stop.</summary>
    private async Task RestartAsync()
    {
        for (var delay = TimeSpan.FromSeconds(1); !_stopping; delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 10)))
        {
            await Task.Delay(delay);
            try
            {
                if (!_stopping && Pid is null)
                {
                    await StartAsync();
                }

                return;
            }
            catch (InvalidOperationException)
            {
                // It could not start (storage still down, say): try again, as the platform would.
            }
        }
    }

    private ProcessStartInfo StandaloneStartInfo()
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Folder };
        foreach (var arg in new[] { AppBuild.StandaloneDll, "--urls", $"http://127.0.0.1:{Port}", "--contentRoot", Folder })
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private async Task<ProcessStartInfo> RealHostStartInfoAsync()
    {
        var host = FunctionsHost.Available ?? throw new InvalidOperationException(FunctionsHost.UnavailableReason);
        return await host.StartInfoAsync(await AppBuild.FunctionAppAsync(), Port, Folder);
    }

    private async Task WaitListeningAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfExited();
            try
            {
                // Any answer means it listens; health itself may say storage is down, which is what some callers want.
                using var response = await Http.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>
    /// The real host writes its keys lazily, on the first request that carries one; so: wait for its web server, send a
    /// keyed request, read the keys from its store, then wait for <c>/admin/host/status</c> to say Running.
    /// </summary>
    private async Task WaitRunningAsync(CancellationToken cancellationToken)
    {
        var secrets = Path.Combine(Folder, "secrets", "host.json");
        while (true)
        {
            ThrowIfExited();
            if (MasterKey.Length == 0 && File.Exists(secrets))
            {
                ReadKeys(secrets);
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "admin/host/status");
                request.Headers.Add("x-functions-key", MasterKey.Length > 0 ? MasterKey : "bootstrap");
                using var response = await Http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && MasterKey.Length > 0)
                {
                    using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    var state = status.RootElement.GetProperty("state").GetString();
                    if (state == "Running")
                    {
                        return;
                    }

                    if (state == "Error")
                    {
                        throw new InvalidOperationException($"the host is in state Error: {status.RootElement}");
                    }
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private void ReadKeys(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var master = root.GetProperty("masterKey").GetProperty("value").GetString() ?? string.Empty;
            var function = root.GetProperty("functionKeys").EnumerateArray()
                .FirstOrDefault(k => k.GetProperty("name").GetString() == "default").GetProperty("value").GetString() ?? string.Empty;
            (MasterKey, FunctionKey) = (master, function);
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // Being written right now: read it again on the next round.
        }
    }

    private void ThrowIfExited()
    {
        if (_process is { HasExited: true } p)
        {
            throw new InvalidOperationException($"the process exited with code {p.ExitCode}");
        }
    }

    private void Write(StreamWriter file, string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_captureLog)
        {
            _log.Enqueue(new LogLine(TimeProvider.System.GetUtcNow(), line));
        }

        try
        {
            lock (file)
            {
                file.WriteLine(line);
            }
        }
        catch (ObjectDisposedException)
        {
            // The instance is being disposed.
        }
    }
}

/// <summary>A line of an instance's output and when it arrived.</summary>
public readonly record struct LogLine(DateTimeOffset At, string Text);
