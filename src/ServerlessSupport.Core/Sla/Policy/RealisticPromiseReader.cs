using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The <c>realisticPromise</c> section. Left out, and each field left out, takes <see cref="RealisticPromisePolicy.Default"/>.
/// </summary>
internal sealed class RealisticPromiseReader(PolicyReading reading)
{
    public RealisticPromisePolicy Read(RealisticPromiseDocument? promise)
    {
        var defaults = RealisticPromisePolicy.Default;
        if (promise is null)
        {
            return defaults;
        }

        var percentile = reading.Percentile("realisticPromise.percentile", promise.Percentile ?? defaults.Percentile);
        var windowDays = reading.WindowDays("realisticPromise.windowDays", promise.WindowDays ?? defaults.WindowDays);
        var samples = reading.MinimumSamples("realisticPromise.minimumSamples", promise.MinimumSamples ?? defaults.MinimumSamples);
        return new RealisticPromisePolicy(promise.Enabled ?? defaults.Enabled, percentile, windowDays, samples);
    }
}
