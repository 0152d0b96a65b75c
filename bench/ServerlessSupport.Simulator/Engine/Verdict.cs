namespace ServerlessSupport.Simulator.Engine;

/// <summary>What became of one target episode: met, missed, or still running (neither) when the simulation ended.</summary>
internal enum Verdict
{
    Undecided,
    Met,
    Missed,
}
