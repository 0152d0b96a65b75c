using System.Diagnostics;

namespace ServerlessSupport.Testing.Hosts;

/// <summary>
/// The app as each host runs it, from the build of the caller's configuration (Release under the scripts): the standalone
/// host's DLL, and the published function app (what zip deploy takes), published once per process from that build.
/// </summary>
public static class AppBuild
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>Debug or Release: the configuration the calling assembly was built in (its bin/&lt;configuration&gt; folder).</summary>
    public static string Configuration { get; } = FindConfiguration();

    public static string StandaloneDll =>
        RepositoryRoot.Combine("src", "ServerlessSupport.Standalone", "bin", Configuration, "net10.0", "ServerlessSupport.Standalone.dll");

    /// <summary>The published function app folder (functions.metadata, host.json, the worker and its extensions).</summary>
    public static Task<string> FunctionAppAsync() => Published.Value;

    private static async Task<string> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("functionapp-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(output);

        // --no-build: the caller's build is the one under test (the worker SDK generated functions.metadata and the
        // extensions during it); publishing copies it with the publish-only files, as scripts/package.sh does.
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "publish", RepositoryRoot.Combine("src", "ServerlessSupport.Functions"), "-c", Configuration, "--no-build", "-o", output, "-nologo", "-v", "quiet", "-p:PublishTrimmed=false" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !File.Exists(Path.Combine(output, "functions.metadata")))
        {
            throw new InvalidOperationException(
                $"Publishing the function app ({Configuration}) failed; build it first (dotnet build -c {Configuration}).\n{stdout}\n{await stderr}");
        }

        return output;
    }

    private static string FindConfiguration()
    {
        var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Release";
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
