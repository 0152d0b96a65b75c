using System.Diagnostics.CodeAnalysis;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// A mailbox: an address (domain lower-cased, local part as written) and an optional display name.
/// Two addresses are equal when their <see cref="Address"/> matches ignoring case; the display name does not count.
/// </summary>
internal sealed record EmailAddress
{
    public const int MaxLength = 320;

    /// <summary>Creates a mailbox; throws <see cref="ArgumentException"/> when <paramref name="address"/> is not an address.</summary>
    public EmailAddress(string address, string? displayName = null)
    {
        if (!TryNormalize(address, out var normalized))
        {
            throw new ArgumentException("Not an email address.", nameof(address));
        }

        Address = normalized;
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
    }

    /// <summary><c>local@domain</c>, domain in lower case.</summary>
    public string Address { get; }

    public string? DisplayName { get; }

    public string LocalPart => Address[..Address.LastIndexOf('@')];

    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

    /// <summary>Creates a mailbox, or returns false when <paramref name="address"/> is not a plausible address.</summary>
    public static bool TryCreate(string? address, string? displayName, [NotNullWhen(true)] out EmailAddress? result)
    {
        result = null;
        if (address is null || !TryNormalize(address, out _))
        {
            return false;
        }

        result = new EmailAddress(address, displayName);
        return true;
    }

    /// <summary>Parses one mailbox such as <c>"Jane" &lt;jane@x.com&gt;</c>; the first when the text holds several.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EmailAddress? result)
    {
        var list = MimeParsing.Addresses(text);
        result = list.Count > 0 ? list[0] : null;
        return result is not null;
    }

    /// <summary>Compares two bare addresses the way this type does: ordinal, ignoring case.</summary>
    public static bool SameAddress(string? left, string? right)
        => left is not null && right is not null && string.Equals(left.Trim(), right.Trim(), StringComparison.OrdinalIgnoreCase);

    public bool Equals(EmailAddress? other) => other is not null && SameAddress(Address, other.Address);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Address);

    public override string ToString() => DisplayName is null ? Address : $"{DisplayName} <{Address}>";

    private static bool TryNormalize(string address, out string normalized)
    {
        normalized = string.Empty;
        var text = address.Trim();
        if (text.Length is < 3 or > MaxLength)
        {
            return false;
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return false;
        }

        var local = text[..at];
        var domain = text[(at + 1)..];
        if (!IsValidLocal(local) || !IsValidDomain(domain))
        {
            return false;
        }

        normalized = local + "@" + domain.ToLowerInvariant();
        return true;
    }

    private static bool IsValidLocal(string local)
    {
        if (local.Length > 64 * 2)
        {
            return false;
        }

        if (local.Length >= 2 && local[0] == '"' && local[^1] == '"')
        {
            // Quoted local part: anything printable.
            return !local.AsSpan(1, local.Length - 2).ContainsAnyInRange('\0', '\u001F');
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (c <= ' ' || c == '\u007F' || "()<>[]\\,;:@\"".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidDomain(string domain)
    {
        if (domain.Length > 255)
        {
            return false;
        }

        if (domain[0] == '[' && domain[^1] == ']')
        {
            // Domain literal such as [192.0.2.1] or [IPv6:...].
            return domain.Length > 2 && !domain.AsSpan(1, domain.Length - 2).ContainsAny("[]\\ \t");
        }

        if (domain[0] is '.' or '-' || domain[^1] is '.' or '-' || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in domain)
        {
            // ASCII letters/digits/hyphen/dot, or non-ASCII letters (internationalized domains as written).
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' || (c > '\u007F' && char.IsLetterOrDigit(c))))
            {
                return false;
            }
        }

        return true;
    }
}
