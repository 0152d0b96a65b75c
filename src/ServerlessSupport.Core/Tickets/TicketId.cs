using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ServerlessSupport.Core.Tickets;

/// <summary>
/// A ticket number: 8 characters of Crockford base32 (no I, L, O, U), upper case, random. 32^8 ≈ 1.1e12 values, so no
/// counter row is needed: the insert of a new ticket fails on the rare collision and the caller draws again.
/// </summary>
internal readonly record struct TicketId
{
    public const int Length = 8;

    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private readonly string? _value;

    private TicketId(string value) => _value = value;

    /// <summary>The id text; empty for <c>default(TicketId)</c>.</summary>
    public string Value => _value ?? string.Empty;

    public bool IsEmpty => _value is null;

    public static TicketId New()
    {
        Span<char> chars = stackalloc char[Length];
        RandomNumberGenerator.GetItems(Alphabet, chars);
        return new TicketId(new string(chars));
    }

    /// <summary>Accepts exactly 8 alphabet characters, any case; I, L, O and U are rejected rather than guessed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TicketId id)
    {
        id = default;
        if (text is null || text.Length != Length)
        {
            return false;
        }

        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            var c = char.ToUpperInvariant(text[i]);
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }

            chars[i] = c;
        }

        id = new TicketId(new string(chars));
        return true;
    }

    public static TicketId Parse(string text)
        => TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a ticket id.");

    public override string ToString() => Value;
}
