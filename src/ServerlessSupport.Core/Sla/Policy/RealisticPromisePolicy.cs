
namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The acknowledgment promises the first-response target unless the team is slower: then it promises the
/// <see cref="Percentile"/>th percentile of the first-response times (business time) of that priority over the last
/// <see cref="WindowDays"/> days, once there are at least <see cref="MinimumSamples"/> of them (docs/policy.md).
/// </summary>
internal sealed record RealisticPromisePolicy(bool Enabled, int Percentile, int WindowDays, int MinimumSamples)
{
    public static RealisticPromisePolicy Default { get; } = new(true, 80, 7, 10);
}
