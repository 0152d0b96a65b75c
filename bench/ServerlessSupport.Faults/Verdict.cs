using System.Globalization;

namespace ServerlessSupport.Faults;

/// <summary>The invariant's figures for one scenario; <see cref="Passed"/> when nothing accepted was lost or doubled.</summary>
internal sealed record Verdict(string Scenario, int Accepted, int Tickets, int Acks, int Duplicates, int Lost, int ResentAfterCrash, int HalfWritten)
{
    /// <summary>Scenario-specific checks (e.g. poison recorded, due actions once); each failure is one line.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Accepted emails not finished yet whose messages still wait on the queues (not lost, not done).</summary>
    public int Pending { get; init; }

    public bool Passed => Lost == 0 && Pending == 0 && Duplicates == 0 && HalfWritten == 0 && Failures.Count == 0;

    public string Line => string.Create(
        CultureInfo.InvariantCulture,
        $"{Scenario} accepted={Accepted} tickets={Tickets} acks={Acks} duplicates={Duplicates} lost={Lost}{(Pending > 0 ? $" pending={Pending}" : string.Empty)} resent_after_crash={ResentAfterCrash} half_written={HalfWritten} {(Passed ? "PASS" : "FAIL: " + string.Join("; ", Failures.DefaultIfEmpty(Pending > 0 ? "queues not drained" : "invariant")))}");
}
