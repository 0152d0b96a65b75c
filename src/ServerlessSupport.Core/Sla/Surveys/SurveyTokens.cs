using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Surveys;

/// <summary>
/// Signed, expiring survey tokens: <c>base64url("TICKET|good|expiryUnixSeconds|resolution") "." base64url(HMAC-SHA256)</c>.
/// The signature covers the whole payload, so neither the ticket, the answer, the expiry nor the resolution (which solve
/// of the ticket the survey asks about) can be changed. Tokens from before resolutions were counted have three parts and
/// read as resolution 0.
/// </summary>
internal sealed class SurveyTokens
{
    private const int MaxTokenLength = 512;

    private readonly byte[] _key;

    public SurveyTokens(string signingKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingKey);
        _key = Encoding.UTF8.GetBytes(signingKey);
    }

    public string Create(TicketId ticket, SurveyRating rating, DateTimeOffset expiresAt, int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resolution);
        var payload = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{ticket}|{Name(rating)}|{expiresAt.ToUnixTimeSeconds()}|{resolution}"));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload));
    }

    public SurveyTokenCheck Verify(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return SurveyTokenCheck.Invalid;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Base64Url.IsValid(token.AsSpan(0, dot)) || !Base64Url.IsValid(token.AsSpan(dot + 1)))
        {
            return SurveyTokenCheck.Invalid;
        }

        var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
        var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
        {
            return SurveyTokenCheck.Invalid;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        var resolution = 0;
        if (parts.Length is not (3 or 4)
            || !TicketId.TryParse(parts[0], out var ticket)
            || ParseRating(parts[1]) is not { } rating
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (parts.Length == 4 && !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out resolution)))
        {
            return SurveyTokenCheck.Invalid;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return new SurveyTokenCheck(expires <= now ? SurveyTokenStatus.Expired : SurveyTokenStatus.Valid, ticket, rating, expires, resolution);
    }

    public static string Name(SurveyRating rating) => rating == SurveyRating.Good ? "good" : "bad";

    public static SurveyRating? ParseRating(string? name) => name switch
    {
        "good" => SurveyRating.Good,
        "bad" => SurveyRating.Bad,
        _ => null,
    };
}

internal enum SurveyTokenStatus
{
    Invalid,
    Expired,
    Valid,
}

/// <summary>What a token says; <see cref="Ticket"/> and <see cref="Rating"/> are meaningful unless the token is invalid.</summary>
internal sealed record SurveyTokenCheck(SurveyTokenStatus Status, TicketId Ticket, SurveyRating Rating, DateTimeOffset ExpiresAt, int Resolution = 0)
{
    public static SurveyTokenCheck Invalid { get; } = new(SurveyTokenStatus.Invalid, default, SurveyRating.Good, default);
}
