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

    /// <summary>The customer's survey answer, once given.</summary>
    public SurveyDto? Survey { get; init; }
}

/// <summary>rating: good | bad</summary>
internal sealed record SurveyDto(string Rating, DateTimeOffset? AnsweredAt);
