using System.Diagnostics.CodeAnalysis;
using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// The address an agent is emailed at (<c>PATCH /api/me</c>, <c>agent-key create --email</c>): one bare address on one
/// line, at most <see cref="MaxLength"/> characters (the SMTP path limit), with a dotted domain, and never the support
/// address or one of its plus-addresses, whose mail would come back in as tickets.
/// </summary>
internal static class AgentEmailAddress
{
    public const int MaxLength = 254;

    /// <summary>
    /// Accepts <paramref name="text"/> as the agent's address (normalized as <see cref="EmailAddress"/> does; null for
    /// empty or whitespace, which removes it); otherwise false with a message for the agent.
    /// </summary>
    public static bool TryNormalize(string? text, string supportAddress, out string? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength)
        {
            error = $"email must be at most {MaxLength} characters.";
        }
        else if (trimmed.Any(char.IsControl) || !EmailAddress.TryCreate(trimmed, null, out var parsed) || !parsed.Domain.Contains('.', StringComparison.Ordinal))
        {
            error = "email must be one address such as name@example.com, without a display name.";
        }
        else if (IsSupportAddress(parsed, supportAddress))
        {
            error = $"email cannot be the support address {supportAddress}: mail to it would come back in as a ticket.";
        }
        else
        {
            address = parsed.Address;
        }

        return error is null;
    }

    private static bool IsSupportAddress(EmailAddress candidate, string supportAddress)
    {
        if (!EmailAddress.TryCreate(supportAddress, null, out var support) || !string.Equals(candidate.Domain, support.Domain, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var local = candidate.LocalPart;
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        return string.Equals(plus < 0 ? local : local[..plus], support.LocalPart, StringComparison.OrdinalIgnoreCase);
    }
}
