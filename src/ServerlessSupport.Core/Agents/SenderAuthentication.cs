using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Agents;

/// <summary>
/// Whether the receiving server vouched for the sender (SendGrid's <c>SPF</c> and <c>dkim</c> fields), aligned with the
/// From domain as DMARC aligns them: a DKIM signature that passed for the From domain, or SPF that passed for an envelope
/// sender in the From domain. Anything else — no fields (the JSON webhook), a fail, another domain — does not pass.
/// </summary>
internal static class SenderAuthentication
{
    public static bool Passes(InboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var domain = DomainOf(email.From.Address);
        if (domain.Length == 0)
        {
            return false;
        }

        return DkimPassed(email.Dkim, domain)
            || (string.Equals(email.Spf?.Trim(), "pass", StringComparison.OrdinalIgnoreCase) && string.Equals(DomainOf(email.EnvelopeFrom), domain, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>SendGrid writes <c>{@example.com : pass}</c>, one brace group per signature.</summary>
    private static bool DkimPassed(string? dkim, string domain)
    {
        foreach (var group in (dkim ?? string.Empty).Split('}', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = group.Trim().TrimStart('{').Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && string.Equals(parts[0].TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase) && string.Equals(parts[1], "pass", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string DomainOf(string? address) =>
        address is not null && address.LastIndexOf('@') is var at and >= 0 ? address[(at + 1)..].Trim().TrimEnd('>') : string.Empty;
}
