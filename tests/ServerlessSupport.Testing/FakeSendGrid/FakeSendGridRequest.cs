using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessSupport.Testing.FakeSendGrid;

/// <summary>One request the fake server received, as it arrived, with the answer it was given.</summary>
/// <param name="Sequence">1-based arrival order.</param>
/// <param name="ReceivedAt">From the server's <see cref="TimeProvider"/>.</param>
/// <param name="Headers">HTTP request headers (case-insensitive names, multiple values joined by ", ").</param>
/// <param name="RawBody">The body exactly as received (UTF-8).</param>
/// <param name="Body">The parsed body, or null when it was not JSON.</param>
/// <param name="ValidationErrors">What SendGrid would have said about the body; empty when valid.</param>
public sealed record FakeSendGridRequest(
    long Sequence,
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string RawBody,
    JsonNode? Body,
    IReadOnlyList<FakeSendGridError> ValidationErrors)
{
    /// <summary>The answer given (set on every recorded request).</summary>
    public FakeSendGridAnswer? Answer { get; init; }

    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    public string? Subject => Text(At(Body, "subject"));

    public string? FromEmail => Text(At(At(Body, "from"), "email"));

    /// <summary>The <c>reply_to</c> address, or null when the mail has none.</summary>
    public string? ReplyTo => Text(At(At(Body, "reply_to"), "email"));

    /// <summary>Every <c>to</c> address of every personalization.</summary>
    public IReadOnlyList<string> To =>
        At(Body, "personalizations") is JsonArray personalizations
            ? [.. personalizations.SelectMany(p => At(p, "to") as JsonArray ?? []).Select(t => Text(At(t, "email"))).OfType<string>()]
            : [];

    /// <summary>Every <c>cc</c> address of every personalization.</summary>
    public IReadOnlyList<string> Cc =>
        At(Body, "personalizations") is JsonArray personalizations
            ? [.. personalizations.SelectMany(p => At(p, "cc") as JsonArray ?? []).Select(t => Text(At(t, "email"))).OfType<string>()]
            : [];

    /// <summary>A mail header from the body's <c>headers</c> object (case-insensitive), not an HTTP header.</summary>
    public string? MailHeader(string name) =>
        At(Body, "headers") is JsonObject headers
            ? headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => Text(h.Value)).FirstOrDefault()
            : null;

    public string? CustomArg(string name) => Text(At(At(Body, "custom_args"), name));

    /// <summary>The body part of the given content type (e.g. "text/plain").</summary>
    public string? Content(string type) =>
        At(Body, "content") is JsonArray parts
            ? parts.Where(p => string.Equals(Text(At(p, "type")), type, StringComparison.OrdinalIgnoreCase)).Select(p => Text(At(p, "value"))).FirstOrDefault()
            : null;

    /// <summary>The member <paramref name="name"/> of a JSON object, or null for anything else.</summary>
    public static JsonNode? At(JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? value : null;

    /// <summary>A JSON string's value, or null for anything else.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
