using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Inbound;

/// <summary>Where a ticket id travels in mail: the subject token <c>[#K7M2QX9P]</c> and plus-addresses.</summary>
internal static class TicketToken
{
    /// <summary><c>[#K7M2QX9P]</c></summary>
    public static string Format(TicketId id) => "[#" + id.Value + "]";

    /// <summary>The ticket id of the last valid <c>[#id]</c> token in the subject; tokens that are not ids are ignored.</summary>
    public static TicketId? FindInSubject(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        TicketId? found = null;
        var position = 0;
        while (position < subject.Length)
        {
            var start = subject.IndexOf("[#", position, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var end = start + 2 + TicketId.Length;
            if (end < subject.Length && subject[end] == ']' && TicketId.TryParse(subject.Substring(start + 2, TicketId.Length), out var id))
            {
                found = id;
            }

            position = start + 2;
        }

        return found;
    }

    /// <summary>
    /// The ticket id in a plus-address of the support address (<c>support+K7M2QX9P@example.com</c> for
    /// <c>support@example.com</c>); local part and domain compared ignoring case.
    /// </summary>
    public static TicketId? FromPlusAddress(string? address, string supportAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supportAddress);
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var tag = PlusTag(address.Trim(), supportAddress.Trim());
        return tag is not null && TicketId.TryParse(tag, out var id) ? id : null;
    }

    /// <summary><c>support+{id}@domain</c> for the support address <c>support@domain</c>.</summary>
    public static string PlusAddress(TicketId id, string supportAddress)
    {
        var at = supportAddress.LastIndexOf('@');
        if (at <= 0)
        {
            throw new ArgumentException("Not an email address.", nameof(supportAddress));
        }

        return supportAddress[..at] + "+" + id.Value + supportAddress[at..];
    }

    /// <summary>True when <paramref name="address"/> is the support address or any plus-address of it.</summary>
    public static bool IsSupportAddress(string? address, string supportAddress)
    {
        if (string.IsNullOrWhiteSpace(address) || string.IsNullOrWhiteSpace(supportAddress))
        {
            return false;
        }

        return EmailAddress.SameAddress(Bare(address), Bare(supportAddress)) || PlusTag(address.Trim(), supportAddress.Trim()) is not null;
    }

    // Accepts "Name <addr>" where a bare address is expected (settings are written by people).
    private static string Bare(string address)
        => address.Contains('<', StringComparison.Ordinal) && EmailAddress.TryParse(address, out var parsed) ? parsed.Address : address.Trim();

    private static string? PlusTag(string address, string supportAddress)
    {
        address = Bare(address);
        supportAddress = Bare(supportAddress);
        var at = address.LastIndexOf('@');
        var supportAt = supportAddress.LastIndexOf('@');
        if (at <= 0 || supportAt <= 0
            || !address.AsSpan(at + 1).Equals(supportAddress.AsSpan(supportAt + 1), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var local = address.AsSpan(0, at);
        var supportLocal = supportAddress.AsSpan(0, supportAt);
        if (local.Length <= supportLocal.Length + 1
            || !local.StartsWith(supportLocal, StringComparison.OrdinalIgnoreCase)
            || local[supportLocal.Length] != '+')
        {
            return null;
        }

        return local[(supportLocal.Length + 1)..].ToString();
    }
}
