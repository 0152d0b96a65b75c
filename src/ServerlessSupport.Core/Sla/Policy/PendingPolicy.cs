
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// While a ticket waits on the customer: reminders at each of <see cref="Reminders"/> (ascending, measured from when the
/// ticket went pending), then auto-close at <see cref="AutoCloseAfter"/> (null: never auto-close).
/// </summary>
internal sealed record PendingPolicy(IReadOnlyList<SlaTargetSpec> Reminders, SlaTargetSpec? AutoCloseAfter);
