namespace ServerlessSupport.Storage.Intake;

/// <summary>The automatic-reply cap per sender (policy <c>autoReplyLimit</c>; default 5 an hour).</summary>
internal sealed class SenderThrottleOptions
{
    public int PerSender { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
