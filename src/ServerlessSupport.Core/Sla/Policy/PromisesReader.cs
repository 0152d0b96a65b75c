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
        var percentile = promises.EstimatePercentile ?? defaults.EstimatePercentile;
        if (percentile is < 50 or > 99)
        {
            reading.Error("promises.estimatePercentile", $"{percentile} is not a whole percentile from 50 to 99");
        }

        var windowDays = promises.EstimateWindowDays ?? defaults.EstimateWindowDays;
        if (windowDays is < 1 or > 90)
        {
            reading.Error("promises.estimateWindowDays", $"{windowDays} is not a number of days from 1 to 90");
        }

        var samples = promises.EstimateMinimumSamples ?? defaults.EstimateMinimumSamples;
        if (samples < 1)
        {
            reading.Error("promises.estimateMinimumSamples", "must be at least 1");
        }

        return new PromisePolicy(remindBefore, promises.Apology ?? defaults.Apology, percentile, windowDays, samples);
    }
}
