namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>What intake kept without making a ticket message (newest first). kind: quarantined | automatic-unthreaded | poison.</summary>
internal sealed record IntakeRecordsResponse(IReadOnlyList<IntakeRecordDto> Items);

/// <summary>
/// One intake record. recoverable: a payload was kept that recovery can read; outcome: recovered | dismissed (null while
/// undecided), with the agent, the time and, for a recovery, the ticket.
/// </summary>
internal sealed record IntakeRecordDto(
    string Id,
    string Kind,
    DateTimeOffset At,
    string Reason,
    string? Blob,
    string? From,
    string? Subject,
    bool Recoverable,
    string? Outcome,
    string? OutcomeBy,
    DateTimeOffset? OutcomeAt,
    string? Ticket);
