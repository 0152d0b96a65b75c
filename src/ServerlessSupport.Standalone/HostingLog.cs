namespace ServerlessSupport.Standalone;

/// <summary>The standalone host's log messages; event ids 3000-3099 are fixed so alerts can key on them.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "ServerlessSupport standalone host running on {Urls}")]
    public static partial void HostStarted(ILogger logger, string urls);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Function {FunctionName} active: {Trigger}")]
    public static partial void FunctionActive(ILogger logger, string functionName, string trigger);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Queue listener for {FunctionName} started on queue {QueueName} (batch {BatchSize}, threshold {NewBatchThreshold}, max dequeue {MaxDequeueCount}, max poll {MaxPollingInterval})")]
    public static partial void QueueListenerStarted(ILogger logger, string functionName, string queueName, int batchSize, int newBatchThreshold, int maxDequeueCount, TimeSpan maxPollingInterval);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Queue listener for {FunctionName} stopped")]
    public static partial void QueueListenerStopped(ILogger logger, string functionName);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Executing {FunctionName} (queue {QueueName}, message {MessageId}, dequeue count {DequeueCount})")]
    public static partial void QueueTriggerFired(ILogger logger, string functionName, string queueName, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "{FunctionName} failed for message {MessageId} (dequeue count {DequeueCount}); it becomes visible again in {VisibilityTimeout}")]
    public static partial void QueueMessageFailed(ILogger logger, Exception exception, string functionName, string messageId, long dequeueCount, TimeSpan visibilityTimeout);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Error, Message = "{FunctionName} failed for message {MessageId} {DequeueCount} times; moving it to {PoisonQueueName}")]
    public static partial void QueueMessagePoisoned(ILogger logger, Exception exception, string functionName, string messageId, long dequeueCount, string poisonQueueName);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "Message {MessageId} copied to {PoisonQueueName} as {PoisonMessageId} and deleted from {QueueName}")]
    public static partial void QueueMessageMovedToPoison(ILogger logger, string messageId, string poisonQueueName, string poisonMessageId, string queueName);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning, Message = "Queue listener for {FunctionName}: storage call failed; backing off {Delay}")]
    public static partial void QueueStorageFailed(ILogger logger, Exception exception, string functionName, TimeSpan delay);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning, Message = "{FunctionName}: could not settle message {MessageId}; it will be delivered again")]
    public static partial void QueueSettleFailed(ILogger logger, Exception exception, string functionName, string messageId);

    [LoggerMessage(EventId = 3018, Level = LogLevel.Information, Message = "{FunctionName}: message {MessageId} unfinished at shutdown; made visible again")]
    public static partial void QueueMessageReleased(ILogger logger, string functionName, string messageId);

    [LoggerMessage(EventId = 3019, Level = LogLevel.Debug, Message = "{FunctionName} completed message {MessageId}")]
    public static partial void QueueMessageCompleted(ILogger logger, string functionName, string messageId);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Information, Message = "Timer {FunctionName} started with schedule '{Schedule}' (UTC); next occurrence {Next:o}")]
    public static partial void TimerStarted(ILogger logger, string functionName, string schedule, DateTimeOffset next);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message = "Executing timer {FunctionName} for {ScheduledFor:o} (past due: {IsPastDue})")]
    public static partial void TimerFired(ILogger logger, string functionName, DateTimeOffset scheduledFor, bool isPastDue);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Debug, Message = "Timer {FunctionName} occurrence {ScheduledFor:o} handled by another instance")]
    public static partial void TimerSkipped(ILogger logger, string functionName, DateTimeOffset scheduledFor);

    [LoggerMessage(EventId = 3033, Level = LogLevel.Error, Message = "Timer {FunctionName} failed for {ScheduledFor:o}")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string functionName, DateTimeOffset scheduledFor);

    [LoggerMessage(EventId = 3034, Level = LogLevel.Warning, Message = "Timer {FunctionName}: storage call failed; retrying in {Delay}")]
    public static partial void TimerStorageFailed(ILogger logger, Exception exception, string functionName, TimeSpan delay);

    [LoggerMessage(EventId = 3035, Level = LogLevel.Warning, Message = "Timer {FunctionName} missed {MissedOccurrence:o} while no instance ran; firing once now as past due")]
    public static partial void TimerPastDue(ILogger logger, string functionName, DateTimeOffset missedOccurrence);
}
