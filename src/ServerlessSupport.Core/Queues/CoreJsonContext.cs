using System.Text.Json.Serialization;

namespace ServerlessSupport.Core.Queues;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InboundPointer))]
[JsonSerializable(typeof(DispatchRequest))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
