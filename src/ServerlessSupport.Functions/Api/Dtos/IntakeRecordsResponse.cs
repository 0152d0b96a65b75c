namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>What intake kept without making a ticket message (newest first). kind: quarantined | automatic-unthreaded | poison.</summary>
internal sealed record IntakeRecordsResponse(IReadOnlyList<IntakeRecordDto> Items);

internal sealed record IntakeRecordDto(string Id, string Kind, DateTimeOffset At, string Reason, string? Blob, string? From, string? Subject);
