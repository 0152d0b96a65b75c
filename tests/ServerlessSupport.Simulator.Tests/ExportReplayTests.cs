using ServerlessSupport.Simulator.Engine;
using ServerlessSupport.Simulator.Export;
using ServerlessSupport.Simulator.Traffic;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Simulator.Tests;

/// <summary>export → --traffic --agents replay: a run's storage exported with placeholders, then replayed, gives the same verdicts.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExportReplayTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ExportThenReplay_SmallRun_PlaceholdersOnlyAndSameFirstResponses()
    {
        var policy = SimulationRuns.PolicyFile("cannot-be-met");
        var prefix = SimulationRuns.Prefix();
        var original = (await SimulationRuns.RunAsync(azurite, [policy], SimulationRuns.Day(10, seed: 4), agents: 2, prefix))[0];

        var export = await TrafficExporter.ExportAsync(azurite.ConnectionString, prefix + "a", placeholders: true, TimeProvider.System, CancellationToken.None);
        var path = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("export") + ".json");
        await TrafficExporter.WriteAsync(export, path, CancellationToken.None);
        var text = await File.ReadAllTextAsync(path);
        var read = await TrafficExporter.ReadAsync(path, CancellationToken.None);
        File.Delete(path);

        Assert.Equal(10, read.Tickets.Count);
        Assert.DoesNotContain("customer.sim", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Question 0", text, StringComparison.Ordinal);
        Assert.All(read.Tickets, t => Assert.Matches("^customer-[0-9]{5}@example.invalid$", t.Customer));
        Assert.All(read.Tickets, t => Assert.Contains(t.Messages, m => m.Direction == "outbound"));
        Assert.Contains(read.Tickets.SelectMany(t => t.Events), e => e.Status == "solved");

        var replayed = ReplayTraffic.From(read, replayAgents: true, GeneratorOptions.Default, seed: 1);
        var again = (await SimulationRuns.RunAsync(azurite, [policy], replayed, agents: 0))[0];

        Assert.Equal(
            original.Outcomes.OrderBy(o => o.Ticket!.Value.ToString()).Select(o => (o.Priority, o.FirstResponse)).Order(),
            again.Outcomes.Select(o => (o.Priority, o.FirstResponse)).Order());
        Assert.Equal(original.Outcomes.Count(o => o.FirstResponse == Verdict.Missed), again.Outcomes.Count(o => o.FirstResponse == Verdict.Missed));
    }
}
