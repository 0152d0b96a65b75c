namespace ServerlessSupport.Functions.Health;

internal static partial class HealthLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Health: {Service} storage unreachable: {Reason}")]
    public static partial void Unreachable(ILogger logger, string service, string reason);
}
