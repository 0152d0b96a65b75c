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

        var percentile = promise.Percentile ?? defaults.Percentile;
        if (percentile is < 50 or > 99)
        {
            reading.Error("realisticPromise.percentile", $"{percentile} is not a whole percentile from 50 to 99");
        }

        var windowDays = promise.WindowDays ?? defaults.WindowDays;
        if (windowDays is < 1 or > 90)
        {
            reading.Error("realisticPromise.windowDays", $"{windowDays} is not a number of days from 1 to 90");
        }

        var samples = promise.MinimumSamples ?? defaults.MinimumSamples;
        if (samples < 1)
        {
            reading.Error("realisticPromise.minimumSamples", "must be at least 1");
        }

        return new RealisticPromisePolicy(promise.Enabled ?? defaults.Enabled, percentile, windowDays, samples);
    }
}
