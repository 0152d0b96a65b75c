using System.Security.Cryptography;
using System.Text;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Agents;

/// <summary>
/// The agent's own reply address for a ticket (docs/architecture.md, "Agents by email"):
/// <c>support+R{key}{ticket}{agent}{signature}@domain</c> — a key id (1 character), the ticket id and the agent's profile
/// id (8 each), and 10 characters of HMAC-SHA256 over both, all Crockford base32 so a relay that changes case changes
/// nothing. The newest key signs; every listed key verifies, so a rotated key keeps the addresses already sent working
/// until it is removed. Hand-written because no maintained package here signs mail addresses; the primitive is the
/// platform's HMAC.
/// </summary>
internal sealed class ReplyAddresses(ReplyAddressKeys keys, SupportIdentity support)
{
    private const char Marker = 'R';
    private const int SignatureLength = 10;
    private const int TokenLength = 2 + TicketId.Length + AgentIdLength + SignatureLength;
    private const int AgentIdLength = 8;

    public bool Enabled => keys.Signing is not null;

    /// <summary>The address, or null when no signing key is configured (replies by email are off).</summary>
    public string? For(TicketId ticket, string agentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        if (keys.Signing is not { } key || agentId.Length != AgentIdLength)
        {
            return null;
        }

        var (local, domain) = Split(support.Address);
        return $"{local}+{Marker}{key.Id}{ticket}{agentId.ToUpperInvariant()}{Sign(key.Secret, ticket.Value, agentId.ToUpperInvariant())}@{domain}";
    }

    /// <summary>
    /// The first of our addresses among the mail's recipients (To, Cc, the envelope) that carries a reply token: whether
    /// its signature holds, and the ticket and agent it names. <see cref="ReplyTokenCheck.None"/> when there is none.
    /// </summary>
    public ReplyTokenCheck Read(IEnumerable<string> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var (ourLocal, ourDomain) = Split(support.Address);
        foreach (var address in recipients)
        {
            var (local, domain) = Split(address);
            var plus = local.IndexOf('+', StringComparison.Ordinal);
            if (plus < 0 || !string.Equals(local[..plus], ourLocal, StringComparison.OrdinalIgnoreCase) || !string.Equals(domain, ourDomain, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Only the reply token's exact shape: support+ID@ plus-addresses (ids may start with R too) are threading, not this.
            var token = local[(plus + 1)..].ToUpperInvariant();
            if (token.Length != TokenLength || token[0] != Marker)
            {
                continue;
            }

            return Check(token);
        }

        return ReplyTokenCheck.None;
    }

    private ReplyTokenCheck Check(string token)
    {
        if (!TicketId.TryParse(token.Substring(2, TicketId.Length), out var ticket))
        {
            return new ReplyTokenCheck(ReplyTokenState.Invalid, null, null, "the reply address is not one we made");
        }

        var agent = token.Substring(2 + TicketId.Length, AgentIdLength);
        var signature = token[^SignatureLength..];
        if (keys.Find(token[1]) is not { } key)
        {
            return new ReplyTokenCheck(ReplyTokenState.Invalid, ticket, agent, "the reply address was signed with a key that is no longer accepted");
        }

        var expected = Encoding.ASCII.GetBytes(Sign(key.Secret, ticket.Value, agent));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature))
            ? new ReplyTokenCheck(ReplyTokenState.Valid, ticket, agent, null)
            : new ReplyTokenCheck(ReplyTokenState.Invalid, ticket, agent, "the reply address's signature does not match (it was changed)");
    }

    private static string Sign(byte[] secret, string ticket, string agent)
    {
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"reply|{ticket}|{agent}"));
        return Base32(mac, SignatureLength);
    }

    /// <summary>The first <paramref name="length"/> 5-bit groups of <paramref name="bytes"/> in Crockford's alphabet.</summary>
    private static string Base32(ReadOnlySpan<byte> bytes, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var bit = i * 5;
            var value = ((bytes[bit / 8] << 8) | bytes[(bit / 8) + 1]) >> (11 - (bit % 8)) & 31;
            chars[i] = TicketId.Alphabet[value];
        }

        return new string(chars);
    }

    private static (string Local, string Domain) Split(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? (address, string.Empty) : (address[..at], address[(at + 1)..]);
    }
}

internal enum ReplyTokenState
{
    None,
    Valid,
    Invalid,
}

/// <summary>What a reply address said: no token, a valid one naming a ticket and an agent, or an invalid one and why.</summary>
internal sealed record ReplyTokenCheck(ReplyTokenState State, TicketId? Ticket, string? AgentId, string? Problem)
{
    public static ReplyTokenCheck None { get; } = new(ReplyTokenState.None, null, null, null);
}

/// <summary>
/// The keys reply addresses are signed with (setting <c>Support__ReplyAddressKeys</c>: <c>id:secret</c> pairs, comma
/// separated, newest first; an id is one letter or digit). The first signs; all verify.
/// </summary>
internal sealed class ReplyAddressKeys
{
    private readonly List<(char Id, byte[] Secret)> _keys = [];

    public ReplyAddressKeys(string? setting)
    {
        foreach (var pair in (setting ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            var id = colon == 1 ? char.ToUpperInvariant(pair[0]) : '\0';
            if (!TicketId.Alphabet.Contains(id, StringComparison.Ordinal) || pair.Length - colon - 1 < 16)
            {
                throw new ArgumentException("Each reply address key is 'id:secret': a one-character id (a digit or a letter other than I, L, O, U) and a secret of at least 16 characters.", nameof(setting));
            }

            if (_keys.Any(k => k.Id == id))
            {
                throw new ArgumentException($"The reply address key id '{id}' is listed twice.", nameof(setting));
            }

            _keys.Add((id, Encoding.UTF8.GetBytes(pair[(colon + 1)..])));
        }
    }

    public (char Id, byte[] Secret)? Signing => _keys.Count == 0 ? null : _keys[0];

    public (char Id, byte[] Secret)? Find(char id) => _keys.FindIndex(k => k.Id == char.ToUpperInvariant(id)) is var i and >= 0 ? _keys[i] : null;
}
