using System.Globalization;
using System.Text.Json;

namespace ServerlessSupport.Testing.FakeSendGrid;

/// <summary>What the fake server answers to one request. Build them with the factories.</summary>
public sealed record FakeSendGridAnswer(int Status)
{
    /// <summary>The response body (JSON) or null for none.</summary>
    public string? Body { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Never answers: the request is held open until the client gives up or the server stops.</summary>
    public bool NoAnswer { get; init; }

    /// <summary>The id SendGrid returns in <c>X-Message-Id</c> with a 202, or null.</summary>
    public string? MessageId => Headers.TryGetValue("X-Message-Id", out var id) ? id : null;

    /// <summary>202 with an <c>X-Message-Id</c> (random, SendGrid-shaped, when not given) and no body.</summary>
    public static FakeSendGridAnswer Accepted(string? messageId = null) =>
        new(202) { Headers = new Dictionary<string, string> { ["X-Message-Id"] = messageId ?? NewMessageId() } };

    public static FakeSendGridAnswer Error(int status, string message, string? field = null, string? help = null) =>
        Errors(status, [new FakeSendGridError(message, field, help)]);

    public static FakeSendGridAnswer Errors(int status, IReadOnlyList<FakeSendGridError> errors) =>
        new(status) { Body = JsonSerializer.Serialize(new FakeSendGridErrorBody(errors), FakeSendGridJsonContext.Default.FakeSendGridErrorBody) };

    /// <summary>A generic failure of the given status with SendGrid-like wording.</summary>
    public static FakeSendGridAnswer Failure(int status) => status switch
    {
        400 => Error(400, "Bad Request"),
        401 => Unauthorized(),
        403 => Error(403, "You do not have the required permissions to perform this action."),
        413 => Error(413, "The JSON payload you have included in your request is too large."),
        429 => Error(429, "too many requests"),
        >= 500 => Error(status, "An error occurred on a SendGrid server."),
        _ => Error(status, "Request failed."),
    };

    public static FakeSendGridAnswer Unauthorized() => Error(401, "The provided authorization grant is invalid, expired, or revoked");

    /// <summary>429 with the rate-limit headers SendGrid sends; <c>X-RateLimit-Reset</c> is unix seconds.</summary>
    public static FakeSendGridAnswer TooManyRequests(DateTimeOffset resetAt, int limit = 600) =>
        Error(429, "too many requests") with
        {
            Headers = new Dictionary<string, string>
            {
                ["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Remaining"] = "0",
                ["X-RateLimit-Reset"] = resetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            },
        };

    public static FakeSendGridAnswer Hang() => new(0) { NoAnswer = true };

    /// <summary>22 URL-safe characters, like SendGrid's ids.</summary>
    private static string NewMessageId() =>
        Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
