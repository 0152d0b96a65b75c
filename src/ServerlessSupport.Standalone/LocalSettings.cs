using System.Text.Json;

namespace ServerlessSupport.Standalone;

/// <summary>
/// Reads the <c>Values</c> of a local.settings.json (as <c>func start</c> does) so the standalone host runs from the
/// same file. Lowest precedence: environment variables and the command line override it.
/// </summary>
internal static class LocalSettings
{
    public const string FileName = "local.settings.json";

    public static void AddTo(IConfigurationBuilder configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = Path.Combine(contentRoot, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        var values = Read(File.ReadAllText(path));
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });
    }

    public static IReadOnlyDictionary<string, string?> Read(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in values.EnumerateObject())
            {
                result[property.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        return result;
    }
}
