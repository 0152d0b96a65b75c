using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// What intake kept without making it a ticket message: quarantined payloads that could not be parsed, automatic mail with
/// no ticket to thread to, and poison messages. Agents can see these; nothing accepted disappears silently.
/// </summary>
internal interface IIntakeRecords
{
    Task RecordAsync(IntakeRecord record, CancellationToken cancellationToken);

    Task<IReadOnlyList<IntakeRecord>> ListAsync(int max, CancellationToken cancellationToken);
}

internal sealed record IntakeRecord(string Id, string Kind, DateTimeOffset At, string Reason, string? Blob, string? From, string? Subject)
{
    public const string Quarantined = "quarantined";
    public const string AutomaticUnthreaded = "automatic-unthreaded";
    public const string Poison = "poison";

    public static IntakeRecord ForPointer(string kind, InboundPointer pointer, DateTimeOffset at, string reason, string? from = null, string? subject = null) =>
        new(pointer.Blob.Replace('/', '_'), kind, at, reason, pointer.Blob, from, subject);
}
