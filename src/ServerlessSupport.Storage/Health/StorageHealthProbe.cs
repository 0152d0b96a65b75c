using System.Net.Sockets;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace ServerlessSupport.Storage.Health;

/// <summary>
/// Checks that each storage service answers an authorised list call (one item), through clients of its own with no
/// retries and a short timeout (<see cref="StorageServiceCollectionExtensions.HealthClientName"/>), so a health check
/// answers within seconds even when storage is down.
/// </summary>
internal sealed partial class StorageHealthProbe(
    TableServiceClient tables,
    QueueServiceClient queues,
    BlobServiceClient blobs,
    TimeProvider time,
    ILogger<StorageHealthProbe> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Service name → "reachable" or "unreachable: reason".</summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(
            CheckAsync("blob", async ct => await blobs.GetBlobContainersAsync(cancellationToken: ct).AsPages(pageSizeHint: 1).FirstOrDefaultAsync(ct), cancellationToken),
            CheckAsync("queue", async ct => await queues.GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1).FirstOrDefaultAsync(ct), cancellationToken),
            CheckAsync("table", async ct => await tables.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages().FirstOrDefaultAsync(ct), cancellationToken));
        return checks.ToDictionary(c => c.Service, c => c.Result, StringComparer.Ordinal);
    }

    private async Task<(string Service, string Result)> CheckAsync(string service, Func<CancellationToken, Task> listOne, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string failure;
        try
        {
            await listOne(linked.Token);
            return (service, "reachable");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            failure = $"no answer within {Timeout.TotalSeconds:0} s";
        }
        catch (Exception ex) when (StorageFaults.IsStorageFault(ex, cancellationToken))
        {
            failure = Describe(ex);
        }

        LogUnreachable(logger, service, failure);
        return (service, "unreachable: " + failure);
    }

    /// <summary>Short and free of endpoints or keys: only the kind of failure.</summary>
    private static string Describe(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException ?? (inner as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData => "host not found",
                    SocketError.TimedOut => "connection timed out",
                    _ => "network error " + socket.SocketErrorCode,
                };
            }

            if (inner is RequestFailedException { Status: > 0 } failed)
            {
                return $"HTTP {failed.Status} {failed.ErrorCode}".TrimEnd();
            }
        }

        return "network error";
    }

    [LoggerMessage(EventId = 8100, Level = LogLevel.Warning, Message = "Health: {Service} storage unreachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string service, string reason);
}
