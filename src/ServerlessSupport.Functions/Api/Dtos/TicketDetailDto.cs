namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>The ticket of <c>GET /api/tickets/{id}</c>: the summary plus its milestones.</summary>
internal sealed record TicketDetailDto : TicketSummaryDto
{
    public DateTimeOffset? FirstResponseDue { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? FirstRespondedAt { get; init; }

    public DateTimeOffset? SolvedAt { get; init; }

    public DateTimeOffset? LastCustomerMessageAt { get; init; }

    /// <summary>When the post-solve check-back (with the survey) goes out; null when not solved or already sent.</summary>
    public DateTimeOffset? CheckBackAt { get; init; }

    /// <summary>Since when the ticket waits on the customer (its clocks are paused); null when not pending.</summary>
    public DateTimeOffset? PendingSince { get; init; }

    /// <summary>The customer's survey answer, once given (the latest resolution's).</summary>
    public SurveyDto? Survey { get; init; }

    /// <summary>The people the customer copied (Cc): they may write into the ticket, and public replies copy them.</summary>
    public IReadOnlyList<CustomerDto> Participants { get; init; } = [];

    /// <summary>The customer's UTC offset from their latest mail's Date header ("+01:00"); null when unknown.</summary>
    public string? CustomerUtcOffset { get; init; }

    /// <summary>Every promise made to the customer that the ticket keeps (the newest 20), oldest first.</summary>
    public IReadOnlyList<PromiseDto> Promises { get; init; } = [];

    /// <summary>How often the ticket has been solved; each resolution may be surveyed once.</summary>
    public int ResolutionCount { get; init; }
}

/// <summary>rating: good | bad; resolution: which solve of the ticket it is about; comment: plain text, never HTML.</summary>
internal sealed record SurveyDto(string Rating, DateTimeOffset? AnsweredAt, int Resolution, string? Comment);
