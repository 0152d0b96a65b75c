using System.Diagnostics;

namespace ServerlessSupport.Testing.Hosts;

/// <summary>
/// Where the real Azure Functions host comes from, in this order: a functions-host folder named by the
/// <c>FUNCTIONS_HOST</c> setting, the <c>functions-host</c> folder in the <c>shared</c> folder beside the checkout, or Core
/// Tools' <c>func</c> on PATH. A functions-host folder holds the host's source with <c>build.sh</c> (builds it once and
/// prints the host DLL) and <c>start.sh APP_DIR PORT</c> (runs a published app on it); <c>func start</c> is the same host
/// as Core Tools ships it.
/// </summary>
public sealed class FunctionsHost
{
    /// <summary>The environment variable naming a functions-host folder.</summary>
    public const string Setting = "FUNCTIONS_HOST";

    private static readonly Lazy<FunctionsHost?> Found = new(Find);
    private readonly Lazy<Task<string>> _build;

    private FunctionsHost(string? folder, string? coreTools)
    {
        Folder = folder;
        CoreTools = coreTools;
        _build = new(BuildOnceAsync);
    }

    /// <summary>The host this machine has, or null.</summary>
    public static FunctionsHost? Available => Found.Value;

    /// <summary>The functions-host folder beside the checkout: where it exists, real-host tests must run, not skip.</summary>
    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "functions-host"));

    public static bool Required => File.Exists(Path.Combine(SharedFolder, "start.sh"));

    public static string UnavailableReason =>
        $"No Azure Functions host here: install Azure Functions Core Tools (func on PATH), or set {Setting} to a functions-host folder (build.sh and start.sh).";

    /// <summary>A functions-host folder (build.sh, start.sh), or null when Core Tools runs the app.</summary>
    public string? Folder { get; }

    /// <summary>The path of <c>func</c>, when Core Tools runs the app.</summary>
    public string? CoreTools { get; }

    public string Description => Folder is not null ? $"functions host from {Folder}" : $"Core Tools ({CoreTools})";

    /// <summary>The host DLL, built once per process (about a minute the first time on a machine, then at once).</summary>
    public Task<string> BuildAsync() => Folder is null ? Task.FromResult(string.Empty) : _build.Value;

    /// <summary>How to start the host on <paramref name="appDirectory"/> at 127.0.0.1:<paramref name="port"/>.</summary>
    internal async Task<ProcessStartInfo> StartInfoAsync(string appDirectory, int port, string stateDirectory)
    {
        ProcessStartInfo info;
        if (Folder is not null)
        {
            info = new ProcessStartInfo("bash") { WorkingDirectory = stateDirectory };
            info.ArgumentList.Add(Path.Combine(Folder, "start.sh"));
            info.ArgumentList.Add(appDirectory);
            info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            info.Environment["FUNCTIONS_HOST_DLL"] = await BuildAsync();
            info.Environment["FUNCTIONS_HOST_STATE_DIR"] = stateDirectory;
        }
        else
        {
            // --enableAuth: Core Tools skips key checks unless asked; the keys live in files, as with start.sh.
            info = new ProcessStartInfo(CoreTools!) { WorkingDirectory = appDirectory };
            foreach (var arg in new[] { "start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--enableAuth" })
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment.Remove("CONTAINER_NAME");
            info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
            info.Environment["AzureWebJobsSecretStorageType"] = "files";
            info.Environment["FUNCTIONS_SECRETS_PATH"] = Path.Combine(stateDirectory, "secrets");
        }

        return info;
    }

    private static FunctionsHost? Find()
    {
        var named = Environment.GetEnvironmentVariable(Setting);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return File.Exists(Path.Combine(named, "start.sh")) && File.Exists(Path.Combine(named, "build.sh"))
                ? new FunctionsHost(Path.GetFullPath(named), null)
                : throw new InvalidOperationException($"{Setting}={named} is not a functions-host folder (build.sh and start.sh).");
        }

        if (Required)
        {
            return new FunctionsHost(SharedFolder, null);
        }

        var func = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "func"))
            .FirstOrDefault(File.Exists);
        return func is null ? null : new FunctionsHost(null, func);
    }

    private async Task<string> BuildOnceAsync()
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Folder!, "build.sh"));
        using var process = Process.Start(info) ?? throw new InvalidOperationException("build.sh did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var dll = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (process.ExitCode != 0 || dll is null || !File.Exists(dll))
        {
            throw new InvalidOperationException($"{Folder}/build.sh failed (exit {process.ExitCode}):\n{await stderr}");
        }

        return dll;
    }
}
