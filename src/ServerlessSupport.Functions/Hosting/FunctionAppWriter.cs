using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// Writes what <c>func start --script-root</c> and Azure need next to the published app: host.json (the repository's,
/// with the customHandler section pointing at the published executable) and one <c>&lt;Function&gt;/function.json</c>
/// per catalog entry. Run as <c>ServerlessSupport.Functions write-function-app &lt;dir&gt;</c>.
/// </summary>
internal static class FunctionAppWriter
{
    public const string Command = "write-function-app";

    /// <summary>The published apphost (Linux); the Functions host starts it with the script root as working directory.</summary>
    public const string ExecutableName = "ServerlessSupport.Functions";

    public const string StorageConnection = "AzureWebJobsStorage";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Handles the command line when it asks for the writer; returns null when the app should run instead.</summary>
    public static int? TryRun(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length == 0 || args[0] != Command)
        {
            return null;
        }

        if (args.Length != 2)
        {
            output.WriteLine($"usage: {ExecutableName} {Command} <function-app-dir>");
            return 2;
        }

        var source = HostJson.Locate(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("host.json was not found next to the app.");
        var written = Write(FunctionCatalog.Default, HostJson.Load(source), args[1]);
        foreach (var path in written)
        {
            output.WriteLine($"wrote {path}");
        }

        return 0;
    }

    public static IReadOnlyList<string> Write(FunctionCatalog catalog, JsonObject hostJson, string directory)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(hostJson);
        Directory.CreateDirectory(directory);
        var written = new List<string>();

        var hostPath = Path.Combine(directory, HostJson.FileName);
        File.WriteAllText(hostPath, BuildHostJson(hostJson).ToJsonString(Indented));
        written.Add(hostPath);

        foreach (var function in catalog.Functions)
        {
            var folder = Path.Combine(directory, function.Name);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "function.json");
            File.WriteAllText(path, BuildFunctionJson(function).ToJsonString(Indented));
            written.Add(path);
        }

        return written;
    }

    /// <summary>The repository's host.json with the customHandler section the Azure host needs.</summary>
    public static JsonObject BuildHostJson(JsonObject source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var host = (JsonObject)source.DeepClone();
        host["version"] = "2.0";
        host["customHandler"] = new JsonObject
        {
            ["description"] = new JsonObject
            {
                ["defaultExecutablePath"] = ExecutableName,
                ["workingDirectory"] = ".",
                ["arguments"] = new JsonArray(),
            },

            // Pure HTTP functions get the raw request on the same /api route (older hosts: enableForwardingHttpRequest).
            ["enableProxyingHttpRequest"] = true,
        };
        return host;
    }

    public static JsonObject BuildFunctionJson(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var bindings = new JsonArray();
        switch (function.Trigger)
        {
            case HttpFunctionTrigger http:
                bindings.Add(new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = http.BindingName,
                    // Agent-level functions: the host checks the function key, the app then checks the agent key for identity.
                    ["authLevel"] = http.AuthLevel == FunctionAuthLevel.Anonymous ? "anonymous" : "function",
                    ["methods"] = new JsonArray([.. http.Methods.Select(m => (JsonNode)m.ToLowerInvariant())]),
                    ["route"] = http.Route,
                });
                bindings.Add(new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" });
                break;
            case QueueFunctionTrigger queue:
                bindings.Add(new JsonObject
                {
                    ["type"] = "queueTrigger",
                    ["direction"] = "in",
                    ["name"] = queue.BindingName,
                    ["queueName"] = queue.QueueName,
                    ["connection"] = StorageConnection,
                });
                break;
            case TimerFunctionTrigger timer:
                bindings.Add(new JsonObject
                {
                    ["type"] = "timerTrigger",
                    ["direction"] = "in",
                    ["name"] = timer.BindingName,
                    ["schedule"] = timer.Schedule,
                    ["useMonitor"] = true,
                    ["runOnStartup"] = false,
                });
                break;
            default:
                throw new InvalidOperationException($"Function '{function.Name}' has an unknown trigger kind.");
        }

        return new JsonObject { ["bindings"] = bindings };
    }
}
