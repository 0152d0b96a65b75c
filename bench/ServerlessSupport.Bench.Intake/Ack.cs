using System.Diagnostics;

namespace ServerlessSupport.Bench.Intake;

/// <summary>The first acknowledgment of one email and how many there were.</summary>
internal sealed record Ack(DateTimeOffset First, int Count)
{
    /// <summary>From the webhook's 200 (a <see cref="Stopwatch"/> timestamp) to the first acknowledgment, in ms.</summary>
    public double LatencyMs(long acceptedAt) =>
        Math.Max(0, (First - (TimeProvider.System.GetUtcNow() - Stopwatch.GetElapsedTime(acceptedAt))).TotalMilliseconds);
}
