using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessSupport.Storage.Agents;

/// <summary>
/// Key text <c>ssk_&lt;id&gt;_&lt;secret&gt;</c>: the id (16 hex) finds the row, the secret (64 hex, 256 random bits) is
/// checked against the row's SHA-256 hash. The prefix makes leaked keys easy to recognise in logs and secret scanners.
/// </summary>
internal static partial class AgentKeyFormat
{
    public const string Prefix = "ssk_";

    public static (string Id, string Secret, string Key) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    public static bool TryParse(string? key, out string id, out string secret)
    {
        id = secret = string.Empty;
        var match = key is null ? null : KeyPattern().Match(key.Trim());
        if (match is not { Success: true })
        {
            return false;
        }

        id = match.Groups["id"].Value;
        secret = match.Groups["secret"].Value;
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares the presented secret's hash with the stored one in constant time.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>Agent names are recorded on every event and shown in the dashboard: a short, plain name or address.</summary>
    public static bool IsValidAgentName([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name) => name is not null && AgentNamePattern().IsMatch(name);

    [GeneratedRegex("^ssk_(?<id>[0-9a-f]{16})_(?<secret>[0-9a-f]{64})$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")]
    private static partial Regex AgentNamePattern();
}
