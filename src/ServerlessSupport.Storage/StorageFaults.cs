using Azure;

namespace ServerlessSupport.Storage;

/// <summary>
/// Tells a storage fault (the service refused, failed or could not be reached, also after the pipeline's retries, which
/// wrap their attempts in an <see cref="AggregateException"/>) from a bug, so callers can answer 503 or back off.
/// </summary>
public static class StorageFaults
{
    public static bool IsStorageFault(Exception exception, CancellationToken callerToken = default) => exception switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        RequestFailedException or HttpRequestException or TimeoutException or IOException => true,

        // HttpClient can surface a bare socket error while it connects (seen with connections reset mid-handshake).
        System.Net.Sockets.SocketException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => IsStorageFault(e, callerToken)),
        _ => false,
    };
}
