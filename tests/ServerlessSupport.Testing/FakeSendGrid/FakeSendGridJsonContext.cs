using System.Text.Json.Serialization;

namespace ServerlessSupport.Testing.FakeSendGrid;

/// <summary>SendGrid writes <c>"field": null</c> explicitly, so nulls are kept.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FakeSendGridErrorBody))]
internal sealed partial class FakeSendGridJsonContext : JsonSerializerContext;
