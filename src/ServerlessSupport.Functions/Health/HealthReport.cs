using System.Text.Json.Serialization;

namespace ServerlessSupport.Functions.Health;

/// <summary>The body of <c>GET /api/health</c>: overall status and one line per storage service.</summary>
internal sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("services")] IReadOnlyDictionary<string, string> Services);
