using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Simulator.Engine;
using ServerlessSupport.Simulator.Output;

namespace ServerlessSupport.Simulator.Tests;

/// <summary>The ledger fed with commits by hand (no storage): what it reads off them, as the report prints it.</summary>
public sealed class SimulationLedgerTests
{
    private static readonly DateTimeOffset Nine = SimulationRuns.Monday.AddHours(9);

    [Fact]
    public void Committed_PromisesSettledAndLeftOpen_KeptAndBrokenPerTrafficPriority()
    {
        var ledger = new SimulationLedger(SupportPolicyLoader.Parse(File.ReadAllText(SimulationRuns.PolicyFile("cannot-be-missed"))));
        ledger.Expect(0, Priority.Urgent);
        ledger.Expect(1, Priority.Low);

        // Urgent: the acknowledgment's promise kept by the reply (a later commit still shows it kept: counted once); a
        // resolution promise broken by the sweep, which names an estimate still ahead at the end (left out).
        new CommittedTicketBuilder(0, "K7M2QX9P", Priority.Urgent)
            .Promise(PromiseKind.FirstResponse, Nine.AddHours(1), Nine).CommitTo(ledger, Nine)
            .Settle(1, PromiseState.Kept, Nine.AddMinutes(30)).Promise(PromiseKind.Resolution, Nine.AddHours(2), Nine.AddMinutes(30)).CommitTo(ledger, Nine.AddMinutes(30))
            .CommitTo(ledger, Nine.AddMinutes(40))
            .Settle(2, PromiseState.Broken, Nine.AddHours(2)).Promise(PromiseKind.Resolution, Nine.AddHours(5), Nine.AddHours(2)).CommitTo(ledger, Nine.AddHours(2))
            .CommitTo(ledger, Nine.AddHours(3));

        // Traffic low, raised to high: the acknowledgment's promise replaced by an update promise, open past its date at the end.
        new CommittedTicketBuilder(1, "K7M2QX9Q", Priority.High)
            .Promise(PromiseKind.FirstResponse, Nine.AddHours(1), Nine).CommitTo(ledger, Nine)
            .Settle(1, PromiseState.Replaced, Nine.AddMinutes(10)).Promise(PromiseKind.Update, Nine.AddHours(2), Nine.AddMinutes(10)).CommitTo(ledger, Nine.AddMinutes(10));

        ledger.Finish(Nine.AddHours(4));
        var lines = ReportLines.For(new PolicyResult("p.json", [.. ledger.Outcomes], [])).ToList();

        Assert.Equal(("1", "1", "50.0%"), Promises(lines[0]));
        Assert.Equal(("0", "0", "n/a"), Promises(lines[1]));
        Assert.Equal(("0", "0", "n/a"), Promises(lines[2]));
        Assert.Equal(("0", "1", "0.0%"), Promises(lines[3]));
        Assert.Equal(("1", "2", "33.3%"), Promises(lines[4]));
        Assert.All(lines.Take(4), l => Assert.Matches(ReportLines.PriorityLine(), l));
        Assert.Matches(ReportLines.OverallLine(), lines[4]);
    }

    private static (string Kept, string Broken, string Share) Promises(string line) =>
        (SimulationRuns.Field(line, "promises_kept"), SimulationRuns.Field(line, "promises_broken"), SimulationRuns.Field(line, "promises_kept_share"));
}
