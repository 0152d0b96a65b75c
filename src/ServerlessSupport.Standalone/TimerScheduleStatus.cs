namespace ServerlessSupport.Standalone;

/// <summary>The schedule monitor's record, as the Functions host keeps it in <c>timers/{hostId}/{function}/status</c>.</summary>
internal sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
