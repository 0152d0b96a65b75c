
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// One escalation step: when <see cref="AtPercent"/> of a target's time is used up, tell <see cref="Notify"/>
/// and apply <see cref="Actions"/>. Levels of one target kind are ordered by strictly ascending percent.
/// </summary>
internal sealed record EscalationLevel(
    string Name,
    int AtPercent,
    IReadOnlyList<NotifyTarget> Notify,
    IReadOnlyList<EscalationAction> Actions);
