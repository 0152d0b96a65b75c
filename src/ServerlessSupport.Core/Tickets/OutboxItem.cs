using ServerlessSupport.Core.Outbound;

namespace ServerlessSupport.Core.Tickets;

/// <summary>
/// An email to send, stored as row <c>out-{Sequence:D6}</c> in the ticket's partition and written in the same
/// transaction as the change that caused it. Dispatch moves it from Pending to Sent or Failed exactly once.
/// </summary>
internal sealed record OutboxItem
{
    public required TicketId TicketId { get; init; }

    public required int Sequence { get; init; }

    /// <summary>What the email is for, e.g. "ack", "reply", "reminder" (templates and metrics use it).</summary>
    public required string Kind { get; init; }

    public required OutboundEmail Email { get; init; }

    public required OutboxState State { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public int Attempts { get; init; }

    /// <summary>While a dispatcher is sending, others leave the row alone until this passes (crash recovery).</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public string? ProviderMessageId { get; init; }

    public string? Error { get; init; }

    public string? Version { get; init; }

    public string RowKey => OutboxKey(Sequence);

    public static string OutboxKey(int sequence) => $"out-{sequence:D6}";
}
