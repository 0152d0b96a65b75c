using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Simulator.Engine;
using ServerlessSupport.Simulator.Output;
using ServerlessSupport.Simulator.Traffic;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Simulator.Tests;

/// <summary>Builds small simulation runs on the shared Azurite: a generated day from Monday 2 March 2026, agents on the first policy's calendar.</summary>
internal static class SimulationRuns
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static string PolicyFile(string name) => RepositoryRoot.Combine("tests", "ServerlessSupport.Simulator.Tests", "Policies", name + ".json");

    public static IReadOnlyList<TrafficTicket> Day(int tickets, string firstReply = "lognormal:15m:0.6", int seed = 7) =>
        TrafficGenerator.Generate(
            GeneratorOptions.Default with
            {
                Tickets = tickets,
                Days = 1,
                Start = Monday,
                FirstReply = Distribution.Parse(firstReply),
                Handling = Distribution.Parse("fixed:10m"),
                CustomerDelay = Distribution.Parse("fixed:1h"),
            },
            seed);

    /// <param name="agents">Agents on the first policy's default calendar; 0 replays the traffic's recorded agents.</param>
    /// <param name="prefix">The run's storage prefix (policy N's tables get it plus the Nth letter); default a new one.</param>
    public static async Task<IReadOnlyList<PolicyResult>> RunAsync(AzuriteFixture azurite, IReadOnlyList<string> policies, IReadOnlyList<TrafficTicket> traffic, int agents, string? prefix = null)
    {
        var hours = SupportPolicyLoader.Parse(await File.ReadAllTextAsync(policies[0])).DefaultCalendar;
        var setup = new SimulationSetup(policies, traffic, agents == 0 ? null : new AgentModel(agents, hours), Monday, Monday.AddDays(1));
        return await Simulation.RunAsync(setup, [azurite.ConnectionString], prefix ?? Prefix(), CancellationToken.None);
    }

    /// <summary>A figure of a report line by its name (<c>name=value</c>).</summary>
    public static string Field(string line, string name) =>
        line.Split(' ').Single(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    /// <summary>A storage prefix of its own (the run adds a letter per policy).</summary>
    public static string Prefix() => AzuriteFixture.UniqueName("s")[..8];
}
