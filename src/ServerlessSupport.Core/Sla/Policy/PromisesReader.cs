using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The <c>promises</c> section. Left out, and each field left out, takes <see cref="PromisePolicy.Default"/>: a reminder
/// an hour before a promise's date, an apology when one breaks, and the 80th percentile of 30 days' resolutions (at
/// least 10) as the team's estimate.
/// </summary>
internal sealed class PromisesReader(PolicyReading reading)
{
    public PromisePolicy Read(PromisesDocument? promises)
    {
        var defaults = PromisePolicy.Default;
        if (promises is null)
        {
            return defaults;
        }

        var remindBefore = promises.RemindBefore is null ? defaults.RemindBefore : reading.Duration("promises.remindBefore", promises.RemindBefore) ?? defaults.RemindBefore;
        var percentile = reading.Percentile("promises.estimatePercentile", promises.EstimatePercentile ?? defaults.EstimatePercentile);
        var windowDays = reading.WindowDays("promises.estimateWindowDays", promises.EstimateWindowDays ?? defaults.EstimateWindowDays);
        var samples = reading.MinimumSamples("promises.estimateMinimumSamples", promises.EstimateMinimumSamples ?? defaults.EstimateMinimumSamples);
        return new PromisePolicy(remindBefore, promises.Apology ?? defaults.Apology, percentile, windowDays, samples);
    }
}
