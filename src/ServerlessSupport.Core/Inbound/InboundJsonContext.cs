using System.Text.Json.Serialization;

namespace ServerlessSupport.Core.Inbound;

/// <summary>Source-generated JSON for the inbound payloads (camelCase, case-insensitive on read).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(JsonInboundMessage))]
[JsonSerializable(typeof(SendGridEnvelope))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, SendGridAttachmentInfo>))]
internal sealed partial class InboundJsonContext : JsonSerializerContext;
