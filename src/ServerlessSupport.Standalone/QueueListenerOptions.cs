namespace ServerlessSupport.Standalone;

/// <summary>
/// host.json <c>extensions.queues</c> with the Functions defaults. The standalone listener honours every field;
/// message text is always base64 on the wire (the storage client encodes it), which is the Functions default.
/// </summary>
internal sealed record QueueListenerOptions
{
    /// <summary>Messages fetched per receive (1..32).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>When in-flight messages drop to this many, the next batch is fetched. Default: BatchSize / 2.</summary>
    public int? NewBatchThreshold { get; init; }

    /// <summary>The longest wait between polls of an empty queue.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed message stays invisible before it is retried.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Deliveries before a message moves to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    public string MessageEncoding { get; init; } = "base64";

    /// <summary>How long a received message stays hidden while it runs; renewed at half-time for long runs.</summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The first wait after an empty poll; it doubles (with jitter) up to <see cref="MaxPollingInterval"/>.</summary>
    public TimeSpan MinPollingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? BatchSize / 2;

    public void Validate()
    {
        if (BatchSize is < 1 or > 32)
        {
            throw new InvalidOperationException("extensions.queues.batchSize must be between 1 and 32.");
        }

        if (EffectiveNewBatchThreshold < 0)
        {
            throw new InvalidOperationException("extensions.queues.newBatchThreshold must not be negative.");
        }

        if (MaxDequeueCount < 1)
        {
            throw new InvalidOperationException("extensions.queues.maxDequeueCount must be at least 1.");
        }

        if (MaxPollingInterval <= TimeSpan.Zero || VisibilityTimeout < TimeSpan.Zero || MessageLease < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException("extensions.queues intervals must be positive (visibilityTimeout may be zero).");
        }

        if (!string.Equals(MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("extensions.queues.messageEncoding: only 'base64' is supported.");
        }
    }
}
