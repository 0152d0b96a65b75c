using ServerlessSupport.Core.Sla.Policy;

namespace ServerlessSupport.Core.Agents;

/// <summary>The soonest deadline of a ticket's running (not paused) targets.</summary>
internal sealed record NextDeadline(TargetKind Kind, DateTimeOffset DueAt);
