using ServerlessSupport.Simulator.Engine;
using ServerlessSupport.Simulator.Output;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Simulator.Tests;

/// <summary>
/// The simulator's core on small runs against Azurite: the same traffic through a policy whose targets cannot be met
/// (one-minute first response, agents who need half an hour) and one whose targets cannot be missed (a year), as
/// <c>--policy A --compare B</c> does.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SimulatorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_ImpossibleAndUnmissableTargets_FiguresAtZeroAndHundred()
    {
        var results = await SimulationRuns.RunAsync(azurite, [SimulationRuns.PolicyFile("cannot-be-met"), SimulationRuns.PolicyFile("cannot-be-missed")], SimulationRuns.Day(24, "fixed:30m"), agents: 3);

        var impossible = results[0];
        var easy = results[1];
        Assert.Equal(24, impossible.Outcomes.Count);
        Assert.Equal(24, easy.Outcomes.Count);

        // Every ticket was answered, after 30 minutes of work at the earliest: never within one minute.
        Assert.All(impossible.Outcomes, o => Assert.Equal(Verdict.Missed, o.FirstResponse));
        Assert.Equal("0.0%", SimulationRuns.Field(ReportLines.For(impossible).Last(), "first_response_met"));
        Assert.True(impossible.Outcomes.Sum(o => o.Escalations) >= 24, "every missed first response escalates at 100%");
        // Until ten first responses of a priority tell the team's pace, the acknowledgment promises the minute: broken.
        Assert.All(impossible.Outcomes.Take(10), o => Assert.True(o.PromisesBroken >= 1, "the acknowledgment promised a first reply within the minute"));

        // A year for everything: every decided target met, nothing escalated.
        Assert.All(easy.Outcomes, o => Assert.NotEqual(Verdict.Missed, o.FirstResponse));
        Assert.All(easy.Outcomes, o => Assert.NotEqual(Verdict.Missed, o.Resolution));
        Assert.Equal("100.0%", SimulationRuns.Field(ReportLines.For(easy).Last(), "first_response_met"));
        Assert.Equal("100.0%", SimulationRuns.Field(ReportLines.For(easy).Last(), "resolution_met"));
        Assert.Equal(0, easy.Outcomes.Sum(o => o.Escalations));
        Assert.True(easy.Outcomes.Count(o => o.FirstResponse == Verdict.Met) >= 20, "agents working round the clock answer nearly every ticket within the day");
        Assert.Equal(easy.Outcomes.Count(o => o.FirstResponse == Verdict.Met), easy.Outcomes.Sum(o => o.PromisesKept));
        Assert.Equal(0, easy.Outcomes.Sum(o => o.PromisesBroken));
        Assert.Equal("100.0%", SimulationRuns.Field(ReportLines.For(easy).Last(), "promises_kept_share"));

        // Customer mails: at least the acknowledgment and the agent's reply per answered ticket, the same in both runs
        // apart from what the policies add (status notes).
        Assert.All(easy.Outcomes.Where(o => o.FirstResponse == Verdict.Met), o => Assert.True(o.CustomerMails >= 2));
    }

    [Fact]
    public async Task ReportLines_SmallRun_EveryLineParsesAndAddsUp()
    {
        var results = await SimulationRuns.RunAsync(azurite, [SimulationRuns.PolicyFile("cannot-be-missed")], SimulationRuns.Day(12, "fixed:10m"), agents: 3);
        var lines = ReportLines.For(results[0]).ToList();

        Assert.Equal(5, lines.Count);
        var byPriority = lines.Take(4).Select(l => ReportLines.PriorityLine().Match(l)).ToList();
        Assert.All(byPriority, m => Assert.True(m.Success, "does not parse: " + m.Value));
        Assert.Equal(["urgent", "high", "normal", "low"], byPriority.Select(m => m.Groups["priority"].Value));
        Assert.All(byPriority, m => Assert.Equal(SimulationRuns.PolicyFile("cannot-be-missed"), m.Groups["policy"].Value));
        Assert.Equal(12, byPriority.Sum(m => int.Parse(m.Groups["tickets"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(results[0].Outcomes.Sum(o => o.CustomerMails), byPriority.Sum(m => int.Parse(m.Groups["mails"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(results[0].Outcomes.Sum(o => o.PromisesKept), byPriority.Sum(m => int.Parse(m.Groups["kept"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Matches(ReportLines.OverallLine(), lines[4]);
    }

    [Fact]
    public void PriorityLine_NotTheFormat_DoesNotParse()
    {
        Assert.DoesNotMatch(ReportLines.PriorityLine(), "policy=a.json priority=urgent tickets=3 first_response_met=66.67% next_update_met=n/a resolution_met=100.0% escalations=3 status_notes=0 customer_mails=5 promises_kept=2 promises_broken=1 promises_kept_share=66.7%");
        Assert.DoesNotMatch(ReportLines.PriorityLine(), "policy=a.json priority=urgent tickets=3 first_response_met=66.7% next_update_met=n/a resolution_met=100.0% escalations=3 status_notes=0 customer_mails=5");
        Assert.Matches(ReportLines.PriorityLine(), "policy=a.json priority=urgent tickets=3 first_response_met=66.7% next_update_met=n/a resolution_met=100.0% escalations=3 status_notes=0 customer_mails=5 promises_kept=2 promises_broken=1 promises_kept_share=66.7%");
    }
}
