using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Tickets;

/// <summary>
/// The ticket row: the source of truth for a conversation's state. Sequence counters live here so that
/// message, event and outbox rows get their keys inside the same guarded transaction.
/// </summary>
internal sealed record Ticket
{
    public required TicketId Id { get; init; }

    public required TicketStatus Status { get; init; }

    public required Priority Priority { get; init; }

    public required Mailbox Customer { get; init; }

    public required string Subject { get; init; }

    public string? Assignee { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The customer's most recent Message-ID, for In-Reply-To on what we send next.</summary>
    public string? LastCustomerMessageId { get; init; }

    /// <summary>The References chain we continue on outbound mail (bounded; oldest dropped first).</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    public int MessageCount { get; init; }

    public int EventCount { get; init; }

    public int OutboxCount { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>When a person must have answered (the first-response deadline of <see cref="Sla"/>; null once answered or while paused).</summary>
    public DateTimeOffset? FirstResponseDue { get; init; }

    public DateTimeOffset? FirstRespondedAt { get; init; }

    public DateTimeOffset? LastCustomerMessageAt { get; init; }

    public DateTimeOffset? LastAgentUpdateAt { get; init; }

    public DateTimeOffset? SolvedAt { get; init; }

    /// <summary>The Message-ID of the email that opened the ticket (tells a redelivery from a ticket-id collision).</summary>
    public string? OriginMessageId { get; init; }

    /// <summary>The language the customer is written to in: a tag the policy offers ("en", "de", "fr", "es").</summary>
    public string Language { get; init; } = Languages.CustomerLanguages.Fallback;

    /// <summary>
    /// The UTC offset of the customer's latest <c>Date</c> header: their time zone as far as their mail tells (daytime
    /// window, times in mail). Null when no mail of theirs carried a date.
    /// </summary>
    public TimeSpan? CustomerUtcOffset { get; init; }

    /// <summary>The people the customer copied (Cc) on their mail: they may write into the ticket; public replies copy them.</summary>
    public IReadOnlyList<Mailbox> Participants { get; init; } = [];

    /// <summary>How often the ticket has been solved; a survey link names the resolution it asks about.</summary>
    public int ResolutionCount { get; init; }

    /// <summary>The first response's time on its target's clock (pauses excluded), kept for the team's pace statistic.</summary>
    public TimeSpan? FirstResponseTime { get; init; }

    /// <summary>The priority <see cref="FirstResponseTime"/> was measured on.</summary>
    public Priority? FirstResponsePriority { get; init; }

    /// <summary>The last solve's time on the resolution target's clock (pauses excluded), kept for the team's estimate.</summary>
    public TimeSpan? ResolutionTime { get; init; }

    /// <summary>The priority <see cref="ResolutionTime"/> was measured on.</summary>
    public Priority? ResolutionPriority { get; init; }

    /// <summary>When the ticket was last solved; unlike <see cref="SolvedAt"/> it stays when the ticket reopens.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The start of the customer's (or a participant's) latest mail, quoted history stripped: what agents' notifications quote.</summary>
    public string? LastCustomerExcerpt { get; init; }

    /// <summary>The start of our last public reply (quoted history stripped), which a status note repeats; its date is <see cref="LastAgentUpdateAt"/>.</summary>
    public string? LastReplyExcerpt { get; init; }

    /// <summary>The SLA clocks and follow-up timers (see <see cref="SlaPlanner"/>); every instant in it has a row in the due index.</summary>
    public TicketSla Sla { get; init; } = TicketSla.None;

    /// <summary>The storage version (ETag) this snapshot was read at; null for a ticket not yet stored.</summary>
    public string? Version { get; init; }
}
