namespace ServerlessSupport.Core.Outbound;

/// <summary>What the provider said: accepted, try again later, or rejected for good.</summary>
internal abstract record SendResult
{
    private SendResult()
    {
    }

    /// <summary>The provider accepted the email (SendGrid 202); its id is kept on the outbox row.</summary>
    public sealed record Sent(string? ProviderMessageId) : SendResult;

    /// <summary>A transient refusal (429, 5xx, timeout): the row stays pending and is tried again after <paramref name="After"/>.</summary>
    public sealed record RetryLater(TimeSpan? After, string Reason) : SendResult;

    /// <summary>A permanent refusal (other 4xx): the row is marked failed with the reason; no retry.</summary>
    public sealed record Rejected(int Status, string Reason) : SendResult;
}
