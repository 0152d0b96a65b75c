using System.Text.Json.Serialization;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>Reads SendGrid's error answers (the request body is written by the SendGrid package).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SendGridErrorResponse))]
internal sealed partial class SendGridJsonContext : JsonSerializerContext;
