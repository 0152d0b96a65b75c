using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessSupport.Core.Sla.Policy.Json;

// Unknown fields are errors: a misspelt field would otherwise silently fall back to "absent".
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PolicyDocument))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
