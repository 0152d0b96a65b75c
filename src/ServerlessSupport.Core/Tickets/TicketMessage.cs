namespace ServerlessSupport.Core.Tickets;

/// <summary>One message of the conversation, stored as row <c>msg-{Sequence:D6}</c> in the ticket's partition.</summary>
internal sealed record TicketMessage
{
    public required int Sequence { get; init; }

    public required MessageDirection Direction { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Who wrote it: the sender's address for mail, the agent's name for replies and notes.</summary>
    public required string Author { get; init; }

    public string? AuthorName { get; init; }

    public required string Subject { get; init; }

    /// <summary>The new part of the message (quoted history stripped), as shown to agents.</summary>
    public required string DisplayText { get; init; }

    /// <summary>The whole plain-text body as received.</summary>
    public required string FullText { get; init; }

    public string? MessageId { get; init; }

    /// <summary>Why the message was recognised as automatic mail (null for a person's mail).</summary>
    public string? AutomaticReason { get; init; }

    /// <summary>Blob holding the raw payload this message came from (inbound payloads too large to travel inline).</summary>
    public string? RawPointer { get; init; }

    public IReadOnlyList<StoredAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// From a sender who is neither the customer nor a participant and found the ticket only by its id (subject token or
    /// plus-address): kept as an internal note, flagged, and it changed nothing else on the ticket.
    /// </summary>
    public bool UnverifiedSender { get; init; }
}
