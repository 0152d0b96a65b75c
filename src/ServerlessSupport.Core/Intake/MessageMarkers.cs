using System.Security.Cryptography;
using System.Text;
using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Intake;

/// <summary>Keys that identify one email across deliveries, for the de-duplication marker row and attachment names.</summary>
internal static class MessageMarkers
{
    /// <summary>A short, key-safe hash of the normalised Message-ID.</summary>
    public static string For(string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((MessageIds.Normalize(messageId) ?? messageId).ToLowerInvariant())))[..32];

    /// <summary>
    /// A stand-in Message-ID for mail that has none: derived from the payload, so the same payload delivered twice still
    /// de-duplicates.
    /// </summary>
    public static string Synthetic(ReadOnlySpan<byte> payload) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(payload))[..40]}@no-message-id.invalid";
}
