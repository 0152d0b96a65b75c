using System.Text.Json.Serialization;

namespace ServerlessSupport.Functions.Outbound;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendGridMail))]
[JsonSerializable(typeof(SendGridErrorResponse))]
internal sealed partial class SendGridJsonContext : JsonSerializerContext;
