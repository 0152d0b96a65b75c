namespace ServerlessSupport.Storage;

public static class QueueTimeToLive
{
    /// <summary>The queue service's "never expires" (<c>messagettl=-1</c>); its default is 7 days.</summary>
    public static readonly TimeSpan Never = TimeSpan.FromSeconds(-1);
}
