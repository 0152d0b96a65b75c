namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>A ticket in the queue. Enum values are camelCase strings ("pendingCustomer", "atRisk").</summary>
internal record TicketSummaryDto
{
    public required string Id { get; init; }

    public required string Subject { get; init; }

    /// <summary>open | pendingCustomer | solved | closed</summary>
    public required string Status { get; init; }

    /// <summary>low | normal | high | urgent</summary>
    public required string Priority { get; init; }

    public required CustomerDto Customer { get; init; }

    public string? Assignee { get; init; }

    /// <summary>The language the customer is written to in (en | de | fr | es, as the policy offers).</summary>
    public required string Language { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The soonest running deadline; null when every clock is stopped (pending, solved, closed, answered).</summary>
    public DeadlineDto? NextDeadline { get; init; }

    /// <summary>The open promise to the customer with the nearest date (its countdown); null when none is open.</summary>
    public PromiseDto? Promise { get; init; }

    /// <summary>ok | atRisk | breached</summary>
    public required string Risk { get; init; }

    /// <summary>The ticket's ETag: send it back as <c>version</c> (or If-Match) on a change.</summary>
    public required string Version { get; init; }
}

internal sealed record CustomerDto(string Address, string? Name);

/// <summary>
/// A promise to the customer. kind: firstResponse | update | resolution; state: open | kept | broken | replaced; madeBy:
/// the agent, or "system" (the acknowledgment, or the team's estimate: <c>estimate</c> true); remainingSeconds (open
/// only) is negative once the date has passed.
/// </summary>
internal sealed record PromiseDto(int Id, string Kind, DateTimeOffset By, string MadeBy, DateTimeOffset MadeAt, string State, DateTimeOffset? SettledAt, bool Estimate, long? RemainingSeconds);

/// <summary>kind: firstResponse | nextUpdate | resolution; remainingSeconds is negative once overdue.</summary>
internal sealed record DeadlineDto(string Kind, DateTimeOffset DueAt, long RemainingSeconds);
