using System.Security.Cryptography;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Outbound;

/// <summary>
/// Message-IDs for the mail we send carry the ticket id (<c>&lt;T.K7M2QX9P.3.x1y2z3@support.example.com&gt;</c>), so a reply's
/// In-Reply-To threads to its ticket without a lookup, even if the customer's client drops the subject token.
/// </summary>
internal static class OutboundMessageIds
{
    public static string Create(TicketId ticket, int outboxSequence, string domain)
    {
        Span<byte> random = stackalloc byte[5];
        RandomNumberGenerator.Fill(random);
        return $"<T.{ticket}.{outboxSequence}.{Convert.ToHexStringLower(random)}@{domain}>";
    }

    /// <summary>
    /// A digest's Message-ID, <c>&lt;D.{anchor}.{sequence}.{random}@domain&gt;</c>: it speaks for several tickets, so it does
    /// not have the <c>T.</c> form that threads a reply to one (docs/architecture.md, "Digests").
    /// </summary>
    public static string CreateDigest(TicketId anchor, int outboxSequence, string domain)
    {
        Span<byte> random = stackalloc byte[5];
        RandomNumberGenerator.Fill(random);
        return $"<D.{anchor}.{outboxSequence}.{Convert.ToHexStringLower(random)}@{domain}>";
    }

    /// <summary>The ticket named by one of our own Message-IDs, whatever the angle brackets and case.</summary>
    public static bool TryGetTicket(string messageId, string domain, out TicketId ticket)
    {
        ticket = default;
        var id = messageId.Trim().Trim('<', '>');
        var at = id.LastIndexOf('@');
        if (at < 0 || !id.AsSpan(at + 1).Equals(domain, StringComparison.OrdinalIgnoreCase) || !id.StartsWith("T.", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parts = id[..at].Split('.');
        return parts.Length == 4 && TicketId.TryParse(parts[1], out ticket);
    }

    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? "localhost" : address[(at + 1)..].ToLowerInvariant();
    }
}
