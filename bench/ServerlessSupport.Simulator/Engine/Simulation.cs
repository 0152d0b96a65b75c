using ServerlessSupport.Simulator.Output;
using ServerlessSupport.Simulator.Traffic;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>The same traffic through each policy, each in its own world (own storage prefix, own clock), side by side.</summary>
internal sealed record SimulationSetup(IReadOnlyList<string> Policies, IReadOnlyList<TrafficTicket> Traffic, AgentModel? Agents, DateTimeOffset Start, DateTimeOffset End);

internal static class Simulation
{
    /// <param name="connectionStrings">One storage account per policy, or one for all (the prefix keeps them apart).</param>
    /// <param name="prefix">Starts every world's storage prefix (letters and digits), so runs can share one Azurite.</param>
    public static async Task<IReadOnlyList<PolicyResult>> RunAsync(SimulationSetup setup, IReadOnlyList<string> connectionStrings, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(connectionStrings);
        var runs = setup.Policies.Select(async (policy, i) =>
        {
            var connection = connectionStrings[Math.Min(i, connectionStrings.Count - 1)];
            await using var world = await SimulationWorld.StartAsync(policy, connection, prefix + (char)('a' + i), setup.Start, cancellationToken);
            var run = new PolicyRun(world, setup.Traffic, setup.Agents);
            await run.RunAsync(setup.End, cancellationToken);
            if (world.Queues.Delayed > 0)
            {
                await Console.Error.WriteLineAsync($"note: {policy}: {world.Queues.Delayed} delayed dispatch message(s) (retries or claims) were left to Azurite's real-time clock");
            }

            return new PolicyResult(policy, [.. world.Ledger.Outcomes], run.Backlog);
        });
        return await Task.WhenAll(runs);
    }
}
