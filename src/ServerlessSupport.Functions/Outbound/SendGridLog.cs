namespace ServerlessSupport.Functions.Outbound;

/// <summary>SendGrid sender log events (ids 4200-4299). No API key or message body is ever logged.</summary>
internal static partial class SendGridLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "SendGrid accepted {EmailMessageId} as {ProviderMessageId}")]
    public static partial void Accepted(ILogger logger, string emailMessageId, string? providerMessageId);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "SendGrid rate-limited {EmailMessageId}; retry after {RetryAfter}")]
    public static partial void RateLimited(ILogger logger, string emailMessageId, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "SendGrid answered {Status} for {EmailMessageId}; will retry: {Reason}")]
    public static partial void TransientFailure(ILogger logger, string emailMessageId, int status, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error, Message = "SendGrid rejected {EmailMessageId} with {Status} (field {Field}): {Reason}")]
    public static partial void Rejected(ILogger logger, string emailMessageId, int status, string? field, string reason);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "SendGrid did not answer {EmailMessageId} within {Timeout}")]
    public static partial void TimedOut(ILogger logger, string emailMessageId, TimeSpan timeout);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "SendGrid could not be reached for {EmailMessageId} ({Error})")]
    public static partial void Unreachable(ILogger logger, string emailMessageId, HttpRequestError error, Exception exception);
}
