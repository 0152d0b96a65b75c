using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessSupport.Standalone;

/// <summary>
/// The repository's host.json: the one source of the queue settings for both hosts. It is copied next to the app;
/// the standalone host reads <c>extensions.queues</c> from it and the function-app writer extends it.
/// </summary>
internal static class HostJson
{
    public const string FileName = "host.json";

    /// <summary>The content root's host.json, else the one beside the app, else null.</summary>
    public static string? Locate(string contentRoot)
    {
        foreach (var dir in new[] { contentRoot, AppContext.BaseDirectory })
        {
            var path = Path.Combine(dir, FileName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    public static JsonObject Load(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return node as JsonObject ?? throw new InvalidOperationException($"{path} is not a JSON object.");
    }

    /// <summary>The section of app settings that override host.json, as on the Functions host.</summary>
    public const string OverrideSection = "AzureFunctionsJobHost";

    /// <summary>
    /// Applies the app settings named <c>AzureFunctionsJobHost__&lt;path&gt;</c> to <paramref name="hostJson"/>, as the Functions
    /// host does (<c>AzureFunctionsJobHost__extensions__queues__visibilityTimeout=00:00:05</c> overrides
    /// <c>extensions.queues.visibilityTimeout</c>), so one setting configures either host.
    /// </summary>
    public static JsonObject WithOverrides(JsonObject hostJson, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(hostJson);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var (key, value) in configuration.GetSection(OverrideSection).AsEnumerable(makePathsRelative: true))
        {
            if (value is null)
            {
                continue;
            }

            var path = key.Split(':');
            var node = hostJson;
            foreach (var part in path[..^1])
            {
                if (Get(node, part) is not JsonObject child)
                {
                    child = [];
                    node[Name(node, part)] = child;
                }

                node = child;
            }

            node[Name(node, path[^1])] = value;
        }

        return hostJson;
    }

    public static QueueListenerOptions ReadQueueOptions(JsonObject hostJson)
    {
        ArgumentNullException.ThrowIfNull(hostJson);
        var options = new QueueListenerOptions();
        if (Get(hostJson, "extensions") is not JsonObject extensions || Get(extensions, "queues") is not JsonObject queues)
        {
            return options;
        }

        options = options with
        {
            BatchSize = Int(queues, "batchSize") ?? options.BatchSize,
            NewBatchThreshold = Int(queues, "newBatchThreshold") ?? options.NewBatchThreshold,
            MaxPollingInterval = Duration(queues, "maxPollingInterval") ?? options.MaxPollingInterval,
            VisibilityTimeout = Duration(queues, "visibilityTimeout") ?? options.VisibilityTimeout,
            MaxDequeueCount = Int(queues, "maxDequeueCount") ?? options.MaxDequeueCount,
            MessageEncoding = Get(queues, "messageEncoding")?.GetValue<string>() ?? options.MessageEncoding,

            // Not a Functions setting (the host keeps 10 minutes); the fault harness shortens it so a killed instance's
            // messages reappear within its run.
            MessageLease = Duration(queues, "messageLease") ?? options.MessageLease,
        };
        options.Validate();
        return options;
    }

    // host.json keys are case-insensitive.
    private static JsonNode? Get(JsonObject parent, string name) =>
        parent.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    // The key as host.json spells it, or the setting's spelling for a new key.
    private static string Name(JsonObject parent, string name) =>
        parent.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Key ?? name;

    private static int? Int(JsonObject parent, string name) => Get(parent, name) switch
    {
        JsonValue v when v.TryGetValue<int>(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var s) => int.Parse(s, CultureInfo.InvariantCulture),
        null => null,
        _ => throw new InvalidOperationException($"host.json extensions.queues.{name} must be a number."),
    };

    // Functions writes intervals as "hh:mm:ss"; a bare number is read as milliseconds.
    private static TimeSpan? Duration(JsonObject parent, string name) => Get(parent, name) switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => TimeSpan.Parse(s, CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<double>(out var ms) => TimeSpan.FromMilliseconds(ms),
        null => null,
        _ => throw new InvalidOperationException($"host.json extensions.queues.{name} must be a time span."),
    };
}
