using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>The <c>autoReplyLimit</c> section: how many automatic replies one sender may get in a window.</summary>
internal sealed class AutoReplyLimitReader(PolicyReading reading)
{
    // As shipped: five automatic replies to one sender an hour. Also the placeholder after an error.
    private static readonly AutoReplyLimit DefaultLimit = new(5, TimeSpan.FromHours(1));

    public AutoReplyLimit Read(AutoReplyLimitDocument? limit)
    {
        if (limit is null)
        {
            return DefaultLimit;
        }

        if (limit.PerSender is not { } perSender)
        {
            reading.Error("autoReplyLimit.perSender", "is required (automatic replies allowed per sender within the window)");
        }
        else if (perSender < 1)
        {
            reading.Error("autoReplyLimit.perSender", "must be at least 1");
        }

        var window = reading.Duration("autoReplyLimit.window", limit.Window);
        return limit.PerSender is > 0 && window is { } w ? new AutoReplyLimit(limit.PerSender.Value, w) : DefaultLimit;
    }
}
