using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessSupport.Functions.Api.Dtos;

namespace ServerlessSupport.Functions.Api;

/// <summary>The API's JSON: web defaults (camelCase, case-insensitive reading), nulls written so every field is always there.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ConflictResponse))]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(UpdateMeRequest))]
[JsonSerializable(typeof(TicketListResponse))]
[JsonSerializable(typeof(TicketDetailResponse))]
[JsonSerializable(typeof(ReplyRequest))]
[JsonSerializable(typeof(UpdateTicketRequest))]
[JsonSerializable(typeof(MetricsResponse))]
[JsonSerializable(typeof(IntakeRecordsResponse))]
[JsonSerializable(typeof(IntakeRecordDto))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
