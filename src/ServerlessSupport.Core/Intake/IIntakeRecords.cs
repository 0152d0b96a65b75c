using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// What intake kept without making it a ticket message: quarantined payloads that could not be parsed, automatic mail with
/// no ticket to thread to, and poison messages. Agents can see these, recover them into a ticket or dismiss them;
/// nothing accepted disappears silently.
/// </summary>
internal interface IIntakeRecords
{
    /// <summary>Records (or re-records, for a redelivery) a set-aside payload; an outcome already on the record is kept.</summary>
    Task RecordAsync(IntakeRecord record, CancellationToken cancellationToken);

    Task<IReadOnlyList<IntakeRecord>> ListAsync(int max, CancellationToken cancellationToken);

    Task<IntakeRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Writes the record's outcome if it is still the version read; false when it changed meanwhile.</summary>
    Task<bool> TrySetOutcomeAsync(IntakeRecord record, CancellationToken cancellationToken);
}

internal sealed record IntakeRecord(string Id, string Kind, DateTimeOffset At, string Reason, string? Blob, string? From, string? Subject)
{
    public const string Quarantined = "quarantined";
    public const string AutomaticUnthreaded = "automatic-unthreaded";
    public const string Poison = "poison";

    public const string Recovered = "recovered";
    public const string Dismissed = "dismissed";

    /// <summary><see cref="Recovered"/> or <see cref="Dismissed"/>; null while nobody has decided.</summary>
    public string? Outcome { get; init; }

    /// <summary>The agent who recovered or dismissed it.</summary>
    public string? OutcomeBy { get; init; }

    public DateTimeOffset? OutcomeAt { get; init; }

    /// <summary>The ticket a recovery recorded the email on.</summary>
    public string? Ticket { get; init; }

    /// <summary>The storage version this record was read at (null for a record not read from storage).</summary>
    public string? Version { get; init; }

    public static IntakeRecord ForPointer(string kind, InboundQueueMessage pointer, DateTimeOffset at, string reason, string? from = null, string? subject = null) =>
        new(pointer.IntakeId.Replace('/', '_'), kind, at, reason, pointer.IntakeId, from, subject);
}
