using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Storage;

namespace ServerlessSupport.Standalone;

/// <summary>
/// Runs one timer function standalone, firing each CRON occurrence once across every instance sharing a host id:
/// the firing instance holds a blob lease on <c>azure-webjobs-hosts/locks/{hostId}/{function}</c> and records the
/// occurrence in <c>timers/{hostId}/{function}/status</c> ({Last, Next, LastUpdated}); an occurrence not newer than
/// Last is skipped. After downtime (recorded Next already passed at start) it fires once as past due, then carries on
/// from now; late ticks are collapsed into one.
/// </summary>
internal sealed class TimerRunner : IAsyncDisposable
{
    public const string ContainerName = "azure-webjobs-hosts";

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LeaseRenewal = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StorageRetry = TimeSpan.FromSeconds(5);

    private readonly string _functionName;
    private readonly CronSchedule _schedule;
    private readonly BlobContainerClient _container;
    private readonly BlobClient _lock;
    private readonly BlobClient _status;
    private readonly Func<TimerFiring, CancellationToken, Task> _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private bool _storageReady;
    private Task? _loop;

    public TimerRunner(
        string functionName,
        CronSchedule schedule,
        StorageClients storage,
        string hostId,
        Func<TimerFiring, CancellationToken, Task> handler,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostId);
        _functionName = functionName;
        _schedule = schedule;
        // The Functions host's own container and blob names, unprefixed: a host id already keeps deployments apart.
        _container = storage.BlobService.GetBlobContainerClient(ContainerName);
        _lock = _container.GetBlobClient($"locks/{hostId}/{functionName}");
        _status = _container.GetBlobClient($"timers/{hostId}/{functionName}/status");
        _handler = handler;
        _time = time;
        _logger = logger;
    }

    public void Start()
    {
        // The start time is taken here, not when the loop gets a thread, so the first occurrence is never skipped.
        var start = _time.GetUtcNow();
        _loop ??= Task.Run(() => RunAsync(start, _stopping.Token));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    /// <summary>
    /// Fires <paramref name="occurrence"/> unless another instance holds the lease or already recorded it.
    /// Returns whether this call ran the handler.
    /// </summary>
    public async Task<bool> TryFireAsync(DateTimeOffset occurrence, bool isPastDue, CancellationToken cancellationToken)
    {
        await EnsureStorageAsync(cancellationToken);
        string leaseId;
        try
        {
            leaseId = (await _lock.GetBlobLeaseClient().AcquireAsync(LeaseDuration, cancellationToken: cancellationToken)).Value.LeaseId;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            HostingLog.TimerSkipped(_logger, _functionName, occurrence);
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            _storageReady = false;
            throw;
        }

        try
        {
            var status = await ReadStatusAsync(cancellationToken);
            if (status is not null && status.Last >= occurrence)
            {
                HostingLog.TimerSkipped(_logger, _functionName, occurrence);
                return false;
            }

            var now = _time.GetUtcNow();
            var next = _schedule.GetNextOccurrence(occurrence > now ? occurrence : now);
            HostingLog.TimerFired(_logger, _functionName, occurrence, isPastDue);

            using (var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var renewal = RenewAsync(leaseId, renewing.Token);
                try
                {
                    // The Functions host's view of the schedule: the previous occurrence (or MinValue), this one's successor.
                    var last = status is null ? DateTime.MinValue : status.Last.UtcDateTime;
                    var info = new TimerInfo
                    {
                        IsPastDue = isPastDue,
                        ScheduleStatus = new ScheduleStatus { Last = last, Next = next.UtcDateTime, LastUpdated = _time.GetUtcNow().UtcDateTime },
                    };
                    await _handler(new TimerFiring(occurrence, info), cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Interrupted by shutdown: leave the status alone so the occurrence counts as missed.
                    throw;
                }
#pragma warning disable CA1031 // Like the Functions host, a failed timer run is logged, recorded and not retried.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    HostingLog.TimerFailed(_logger, ex, _functionName, occurrence);
                }
                finally
                {
                    await renewing.CancelAsync();
                    await renewal;
                }
            }

            await WriteStatusAsync(new TimerScheduleStatus(occurrence, next, _time.GetUtcNow()), overwrite: true, CancellationToken.None);
            return true;
        }
        finally
        {
            try
            {
                await _lock.GetBlobLeaseClient(leaseId).ReleaseAsync(cancellationToken: CancellationToken.None);
            }
            catch (RequestFailedException ex)
            {
                // The lease expires on its own within a minute.
                HostingLog.TimerStorageFailed(_logger, ex, _functionName, LeaseDuration);
            }
        }
    }

    public async Task<TimerScheduleStatus?> ReadStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var download = await _status.DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize(download.Value.Content.ToString(), HostingJsonContext.Default.TimerScheduleStatus);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            // A damaged record is treated as none; the next run rewrites it.
            return null;
        }
    }

    private async Task RunAsync(DateTimeOffset start, CancellationToken stopping)
    {
        if (!await Backoff.Fixed(StorageRetry).UntilDoneAsync(
                ct => CatchUpAsync(start, ct),
                (ex, wait) => HostingLog.TimerStorageFailed(_logger, ex, _functionName, wait),
                _time,
                stopping))
        {
            return;
        }

        var cursor = start;
        HostingLog.TimerStarted(_logger, _functionName, _schedule.Expression, _schedule.GetNextOccurrence(cursor));
        while (!stopping.IsCancellationRequested)
        {
            var due = _schedule.GetNextOccurrence(cursor);
            var now = _time.GetUtcNow();
            if (due > now)
            {
                // Re-evaluated after waking, since a timer may wake a little early.
                await Backoff.DelayAsync(_time, due - now, stopping);
                continue;
            }

            // Ticks missed while busy or paused collapse into the latest one.
            for (var after = _schedule.GetNextOccurrence(due); after <= now; after = _schedule.GetNextOccurrence(due))
            {
                due = after;
            }

            try
            {
                await TryFireAsync(due, isPastDue: false, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // An occurrence lost to a storage fault is logged; the next one is tried as usual.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                HostingLog.TimerStorageFailed(_logger, ex, _functionName, _schedule.GetNextOccurrence(due) - now);
            }

            cursor = due;
        }
    }

    /// <summary>At start: a recorded Next already in the past means the app was down then; fire once, past due.</summary>
    private async Task CatchUpAsync(DateTimeOffset start, CancellationToken cancellationToken)
    {
        await EnsureStorageAsync(cancellationToken);
        var status = await ReadStatusAsync(cancellationToken);
        if (status is null)
        {
            // First run: record the schedule so downtime before the first occurrence is noticed too.
            await WriteStatusAsync(new TimerScheduleStatus(DateTimeOffset.MinValue, _schedule.GetNextOccurrence(start), start), overwrite: false, cancellationToken);
            return;
        }

        if (status.Next < start && status.Next > status.Last)
        {
            HostingLog.TimerPastDue(_logger, _functionName, status.Next);
            await TryFireAsync(status.Next, isPastDue: true, cancellationToken);
        }
    }

    private async Task EnsureStorageAsync(CancellationToken cancellationToken)
    {
        if (_storageReady)
        {
            return;
        }

        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            await _lock.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already there (possibly leased by another instance).
        }

        _storageReady = true;
    }

    private async Task WriteStatusAsync(TimerScheduleStatus status, bool overwrite, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(status, HostingJsonContext.Default.TimerScheduleStatus);
        try
        {
            await _status.UploadAsync(
                BinaryData.FromString(json),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (!overwrite && ex.Status is 409 or 412)
        {
            // Another instance wrote it first.
        }
    }

    private async Task RenewAsync(string leaseId, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(LeaseRenewal, _time, cancellationToken);
                await _lock.GetBlobLeaseClient(leaseId).RenewAsync(cancellationToken: CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                HostingLog.TimerStorageFailed(_logger, ex, _functionName, LeaseRenewal);
            }
        }
    }
}

/// <summary>One firing: the occurrence it is for, and the <see cref="TimerInfo"/> the function gets.</summary>
internal sealed record TimerFiring(DateTimeOffset Occurrence, TimerInfo Info);
