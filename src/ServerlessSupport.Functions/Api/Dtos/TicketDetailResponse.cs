namespace ServerlessSupport.Functions.Api.Dtos;

internal sealed record TicketDetailResponse(
    TicketDetailDto Ticket,
    IReadOnlyList<MessageDto> Messages,
    IReadOnlyList<EventDto> Events,
    IReadOnlyList<OutboxDto> Outbox);

/// <summary>
/// One message. <c>text</c> is the new part (quoted history cut), <c>fullText</c> the whole plain-text body; both are plain
/// text exactly as received and must be rendered as text, never as HTML. direction: inbound | outbound | note.
/// unverifiedSender: a note kept from someone who is neither the customer nor a participant (it changed nothing).
/// </summary>
internal sealed record MessageDto(
    int Sequence,
    string Direction,
    DateTimeOffset At,
    string Author,
    string? AuthorName,
    string Subject,
    string Text,
    string FullText,
    string? Automatic,
    IReadOnlyList<AttachmentDto> Attachments,
    bool UnverifiedSender);

internal sealed record AttachmentDto(string FileName, string ContentType, long Length);

/// <summary>An audit event; actor is the agent's name, the customer's address or "system".</summary>
internal sealed record EventDto(int Sequence, string Kind, DateTimeOffset At, string Actor, string Detail);

/// <summary>An email the ticket sent or will send. state: pending | sent | failed.</summary>
internal sealed record OutboxDto(int Sequence, string Kind, string State, string To, string Subject, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? Error);
