using System.Text.Json.Serialization;

namespace ServerlessSupport.Functions.Health;

[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
