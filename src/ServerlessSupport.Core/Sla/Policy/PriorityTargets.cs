
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The three targets of one priority.</summary>
internal sealed record PriorityTargets(SlaTargetSpec FirstResponse, SlaTargetSpec NextUpdate, SlaTargetSpec Resolution)
{
    public SlaTargetSpec For(TargetKind kind) => kind switch
    {
        TargetKind.FirstResponse => FirstResponse,
        TargetKind.NextUpdate => NextUpdate,
        TargetKind.Resolution => Resolution,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
