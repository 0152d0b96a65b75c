using System.Text.Json.Serialization;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>Nested values kept as JSON text inside a table entity (an email to send, a message's attachment list).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboundEmail))]
[JsonSerializable(typeof(List<StoredAttachment>))]
[JsonSerializable(typeof(List<Mailbox>))]
[JsonSerializable(typeof(List<TicketPromise>))]
[JsonSerializable(typeof(List<ServerlessSupport.Core.Agents.AgentNotice>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
