using System.Text.Json;
using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>Reads the policy file's JSON (comments and trailing commas allowed) and validates it.</summary>
internal static class SupportPolicyLoader
{
    /// <exception cref="PolicyValidationException">The JSON is malformed or the policy is invalid; every error names its field.</exception>
    public static SupportPolicy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        PolicyDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, PolicyJsonContext.Default.PolicyDocument);
        }
        catch (JsonException ex)
        {
            throw new PolicyValidationException([Describe(ex)], ex);
        }

        if (document is null)
        {
            throw new PolicyValidationException(["$: the policy file is empty (null)"]);
        }

        return PolicyValidator.Validate(document);
    }

    private static string Describe(JsonException ex)
    {
        var path = ex.Path is null or "$" ? "$" : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
        var line = ex.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"{path}: unknown field{line}";
        }

        if (ex.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"{path}: has the wrong type{line}";
        }

        var reason = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
        return $"{path}: not valid JSON{line}: {reason}";
    }
}
