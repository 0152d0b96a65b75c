using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>What one case left behind, for the cases that refer to it, and what did not match its expectations.</summary>
internal sealed record CorpusCaseResult(string Name, TicketId? Ticket, string? MessageId, string? AckMessageId, IReadOnlyList<string> Failures);
