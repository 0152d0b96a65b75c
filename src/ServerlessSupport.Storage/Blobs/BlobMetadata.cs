using Azure;

namespace ServerlessSupport.Storage.Blobs;

/// <summary>
/// Blob metadata travels as <c>x-ms-meta-{name}</c> headers: names must be C# identifiers (the service's rule; ASCII
/// here since they are header names) and unique ignoring case; values must be printable ASCII to survive HTTP.
/// </summary>
internal static class BlobMetadata
{
    public const string HeaderPrefix = "x-ms-meta-";

    public static void Validate(IReadOnlyDictionary<string, string> metadata, string paramName)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in metadata)
        {
            if (!IsIdentifier(name))
            {
                throw new ArgumentException($"The metadata name '{name}' is not a C# identifier.", paramName);
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The metadata name '{name}' appears twice (names are case-insensitive).", paramName);
            }

            if (value is null || value.Any(c => c is < ' ' or > '~'))
            {
                throw new ArgumentException($"The metadata value of '{name}' must be printable ASCII.", paramName);
            }
        }
    }

    public static IReadOnlyDictionary<string, string> Read(Response response)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                result[header.Name[HeaderPrefix.Length..]] = header.Value;
            }
        }

        return result;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
