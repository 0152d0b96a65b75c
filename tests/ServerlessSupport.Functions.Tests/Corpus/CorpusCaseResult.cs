using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>What one case left behind, for the cases that refer to it, and what did not match its expectations.</summary>
internal sealed record CorpusCaseResult(string Name, TicketId? Ticket, string? MessageId, string? AckMessageId, IReadOnlyList<string> Failures)
{
    /// <summary>What the case did, in terms that do not depend on the pipeline (for comparing a twin with its original).</summary>
    public CorpusFingerprint? Fingerprint { get; init; }
}

/// <summary>
/// The visible effect of a case: which outcome, and on the ticket the subject, customer, priority, the message's texts,
/// attachments and automatic-mail kind, the intake record's kind, and how many emails were sent.
/// </summary>
internal sealed record CorpusFingerprint(
    string Outcome,
    string? Subject,
    string? Customer,
    string? CustomerName,
    string? Priority,
    string? DisplayText,
    string? FullText,
    string Attachments,
    string? AutomaticKind,
    string? RecordKind,
    int EmailsSent);
