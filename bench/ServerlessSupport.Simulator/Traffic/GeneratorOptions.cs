using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Simulator.Traffic;

/// <summary>The generator's knobs (command-line options of scripts/simulate.sh; defaults in <see cref="Default"/>).</summary>
internal sealed record GeneratorOptions
{
    public static GeneratorOptions Default { get; } = new();

    public int Tickets { get; init; } = 2000;

    public DateTimeOffset Start { get; init; } = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public int Days { get; init; } = 7;

    /// <summary>Relative arrival rate for each local hour 0–23 (in <see cref="TimeZone"/>).</summary>
    public IReadOnlyList<double> HourWeights { get; init; } =
        [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.5, 2.8, 2.6, 2.0, 2.2, 2.5, 2.3, 2.0, 1.4, 0.9, 0.7, 0.6, 0.5, 0.4, 0.3];

    /// <summary>Relative arrival rate for Monday … Sunday.</summary>
    public IReadOnlyList<double> WeekdayWeights { get; init; } = [1.2, 1.1, 1.0, 1.0, 0.9, 0.25, 0.2];

    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    public IReadOnlyDictionary<Priority, double> Mix { get; init; } = new Dictionary<Priority, double>
    {
        [Priority.Urgent] = 5, [Priority.High] = 15, [Priority.Normal] = 60, [Priority.Low] = 20,
    };

    public Distribution FirstReply { get; init; } = Distribution.Parse("lognormal:15m:0.6");

    public Distribution Handling { get; init; } = Distribution.Parse("lognormal:10m:0.6");

    /// <summary>Share of agent replies that ask the customer something (the ticket goes pending) instead of solving it.</summary>
    public double AskShare { get; init; } = 0.35;

    public int MaxRounds { get; init; } = 4;

    public Distribution CustomerDelay { get; init; } = Distribution.Parse("lognormal:3h:1.2");

    /// <summary>Share of questions the customer never answers.</summary>
    public double NoAnswerShare { get; init; } = 0.1;
}
