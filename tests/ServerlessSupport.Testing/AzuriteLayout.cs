namespace ServerlessSupport.Testing;

/// <summary>How Azurite runs: one process holding all three services in memory (tests), or one process per service.</summary>
public sealed record AzuriteLayout
{
    /// <summary>One process, everything in memory: quick to start, right for tests.</summary>
    public static AzuriteLayout InMemory { get; } = new();

    /// <summary>
    /// For load and fault runs. Each Azurite service is a single Node event loop and Azure Storage's are not, so the three
    /// services get a process each. Queue messages live on disk: in memory, Azurite gives every message its own extent and
    /// its once-a-minute extent GC removes them one at a time, rebuilding an index each time, which stalls the queue
    /// service for tens of seconds once a few thousand messages have passed.
    /// </summary>
    public static AzuriteLayout ForLoad { get; } = new() { ProcessPerService = true, QueueOnDisk = true };

    public bool ProcessPerService { get; init; }

    public bool QueueOnDisk { get; init; }
}
