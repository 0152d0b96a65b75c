namespace ServerlessSupport.Core.Intake;

/// <summary>What the webhook did with a payload: queued for processing, or kept in quarantine because it could not be read.</summary>
internal sealed record InboundAcceptance(string IntakeId, bool Quarantined, string? Reason);
