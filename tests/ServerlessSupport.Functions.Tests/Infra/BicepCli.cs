using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Infra;

/// <summary>
/// The Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64, restored by this test project), and infra/main.bicep
/// compiled by it once per test run.
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<Task<JsonObject>> Compiled = new(() => CompileAsync(MainBicep));

    public static string MainBicep => RepositoryRoot.Combine("infra", "main.bicep");

    /// <summary>infra/main.bicep as ARM JSON.</summary>
    public static Task<JsonObject> MainTemplateAsync() => Compiled.Value;

    public static string Executable
    {
        get
        {
            var package = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackagePath").Value;
            var path = Path.Combine(package ?? string.Empty, "tools", "bicep");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The Bicep CLI is missing at {path}: restore tests/ServerlessSupport.Functions.Tests.");
            }

            // A package extracted without its file modes cannot run the binary: make it executable (the package is linux-x64).
            if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            }

            return path;
        }
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // No telemetry, and no reaching out to registries this machine cannot see.
        info.Environment["BICEP_TRACING_ENABLED"] = "false";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }

    private static async Task<JsonObject> CompileAsync(string bicep)
    {
        var (exit, output, errors) = await RunAsync("build", bicep, "--stdout");
        return exit == 0
            ? JsonNode.Parse(output)!.AsObject()
            : throw new InvalidOperationException($"bicep build failed ({exit}): {errors}");
    }

    /// <summary>The template's resources of one type (a list, or an object keyed by symbolic name).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template, string type)
    {
        var resources = template["resources"];
        var all = resources is JsonArray array ? array.Select(r => r!.AsObject()) : resources!.AsObject().Select(p => p.Value!.AsObject());
        return all.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));
    }
}
