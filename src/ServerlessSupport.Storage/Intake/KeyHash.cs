using System.Security.Cryptography;
using System.Text;

namespace ServerlessSupport.Storage.Intake;

/// <summary>
/// Table keys derived from arbitrary text (Message-IDs, addresses): they may hold characters a key cannot (/ \ # ?),
/// so the key is a hash and the text itself is kept as a property.
/// </summary>
internal static class KeyHash
{
    public static string Of(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value.Trim().ToLowerInvariant())));

    /// <summary>A short prefix of the hash: spreads rows over 4,096 partitions so no partition gets hot.</summary>
    public static string Partition(string hash) => hash[..3];
}
