using System.Text.Json.Serialization;

namespace ServerlessSupport.Core.Queues;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InboundQueueMessage))]
[JsonSerializable(typeof(DispatchRequest))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
