using System.Globalization;
using ServerlessSupport.Core.Sla.Policy;

namespace ServerlessSupport.Simulator.Traffic;

/// <summary>
/// A distribution of durations given on the command line, with the policy file's duration syntax (<c>30m</c>, <c>1h30m</c>,
/// <c>2d</c>): <c>fixed:20m</c>, <c>exp:20m</c> (exponential, that mean), <c>uniform:10m..40m</c>,
/// <c>lognormal:20m:0.6</c> (that median, sigma of the log).
/// </summary>
internal abstract record Distribution
{
    public abstract TimeSpan Sample(Random random);

    public static Distribution Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        try
        {
            return parts switch
            {
                ["fixed", var d] => new Fixed(Duration(d)),
                ["exp", var mean] => new Exponential(Duration(mean)),
                ["uniform", var range] when range.Split("..") is [var low, var high] && Duration(low) <= Duration(high) => new Uniform(Duration(low), Duration(high)),
                ["lognormal", var median, var sigma] when double.TryParse(sigma, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 => new LogNormal(Duration(median), s),
                _ => throw new FormatException(),
            };
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not a distribution: use fixed:20m, exp:20m, uniform:10m..40m or lognormal:20m:0.6 (durations as in the policy: 30m, 1h30m, 2d).");
        }
    }

    private static TimeSpan Duration(string text) =>
        text == "0m" ? TimeSpan.Zero : PolicyDuration.TryParse(text, out var value, out _) ? value : throw new FormatException();

    public sealed record Fixed(TimeSpan Value) : Distribution
    {
        public override TimeSpan Sample(Random random) => Value;
    }

    public sealed record Exponential(TimeSpan Mean) : Distribution
    {
        public override TimeSpan Sample(Random random) => Mean * -Math.Log(1 - random.NextDouble());
    }

    public sealed record Uniform(TimeSpan Low, TimeSpan High) : Distribution
    {
        public override TimeSpan Sample(Random random) => Low + ((High - Low) * random.NextDouble());
    }

    public sealed record LogNormal(TimeSpan Median, double Sigma) : Distribution
    {
        public override TimeSpan Sample(Random random)
        {
            // Box–Muller: one standard normal draw.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Median * Math.Exp(Sigma * normal);
        }
    }
}
