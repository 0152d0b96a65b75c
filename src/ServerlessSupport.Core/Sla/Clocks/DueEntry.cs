
namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>One deadline of a ticket as the due index holds it: what to do (<see cref="DueKinds"/>), when, and which sweep does it.</summary>
internal sealed record DueEntry(string Kind, DateTimeOffset DueAt, string Sweep);
