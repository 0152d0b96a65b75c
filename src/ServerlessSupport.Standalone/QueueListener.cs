using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ServerlessSupport.Storage;

namespace ServerlessSupport.Standalone;

/// <summary>
/// Runs one queue function standalone with the Functions queue-trigger semantics: receive up to BatchSize with a
/// long visibility (renewed for long runs), process concurrently, fetch again when in-flight work drops to
/// NewBatchThreshold, back off (with jitter) up to MaxPollingInterval while the queue is empty and re-poll at once
/// while it is busy. Success deletes; failure hides the message for VisibilityTimeout, and after MaxDequeueCount
/// deliveries copies it to <c>&lt;queue&gt;-poison</c> before deleting it, so nothing is lost (a function on the poison
/// queue, as under the Functions host, records it for agents).
/// </summary>
internal sealed class QueueListener : IAsyncDisposable
{
    /// <summary>Backoff after storage faults: from 1 s up to a minute, whatever the polling settings.</summary>
    private static readonly TimeSpan FirstFaultDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxFaultDelay = TimeSpan.FromMinutes(1);

    private readonly string _functionName;
    private readonly string _queueName;
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly QueueListenerOptions _options;
    private readonly Func<QueueMessage, CancellationToken, Task> _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopFetching = new();
    private readonly CancellationTokenSource _abortProcessing = new();
    private Task? _loop;

    /// <param name="queueName">The queue as the trigger names it; <paramref name="storage"/> applies the prefix.</param>
    public QueueListener(
        string functionName,
        string queueName,
        StorageClients storage,
        QueueListenerOptions options,
        Func<QueueMessage, CancellationToken, Task> handler,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _functionName = functionName;
        _queueName = queueName;
        _queue = storage.Queue(queueName);
        _poison = storage.Queue(queueName + StorageNames.PoisonSuffix);
        _options = options;
        _handler = handler;
        _time = time;
        _logger = logger;
    }

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stopFetching.Token));

    /// <summary>
    /// Stops fetching and waits for in-flight messages. If <paramref name="cancellationToken"/> (the host's shutdown
    /// timeout) fires first, handlers are cancelled and their messages made visible again at once.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopFetching.CancelAsync();
        if (_loop is null)
        {
            return;
        }

        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _abortProcessing.CancelAsync();
            await _loop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopFetching.Dispose();
        _abortProcessing.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var faults = new Backoff(FirstFaultDelay, MaxFaultDelay);
        if (!await faults.UntilDoneAsync(
                async ct => await _queue.CreateIfNotExistsAsync(cancellationToken: ct),
                (ex, wait) => HostingLog.QueueStorageFailed(_logger, ex, _functionName, wait),
                _time,
                stopping))
        {
            return;
        }

        HostingLog.QueueListenerStarted(
            _logger, _functionName, _queueName, _options.BatchSize, _options.EffectiveNewBatchThreshold, _options.MaxDequeueCount, _options.MaxPollingInterval);

        var inFlight = new List<Task>();
        var polling = new Backoff(_options.MinPollingInterval, _options.MaxPollingInterval);
        while (!stopping.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            if (inFlight.Count > _options.EffectiveNewBatchThreshold)
            {
                try
                {
                    await Task.WhenAny(inFlight).WaitAsync(stopping);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: fall out of the loop and drain.
                }

                continue;
            }

            QueueMessage[] batch;
            try
            {
                batch = (await _queue.ReceiveMessagesAsync(_options.BatchSize, _options.MessageLease, stopping)).Value;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // See above: a failed poll is logged and backed off.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var wait = faults.Next();
                HostingLog.QueueStorageFailed(_logger, ex, _functionName, wait);
                await Backoff.DelayAsync(_time, wait, stopping);
                continue;
            }

            faults.Reset();
            if (batch.Length == 0)
            {
                await Backoff.DelayAsync(_time, polling.Next(), stopping);
                continue;
            }

            polling.Reset();
            foreach (var message in batch)
            {
                inFlight.Add(Task.Run(() => ProcessAsync(message, _abortProcessing.Token), CancellationToken.None));
            }
        }

        await Task.WhenAll(inFlight);
        HostingLog.QueueListenerStopped(_logger, _functionName);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken abort)
    {
        var lease = new MessageLease(message.PopReceipt);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var renewal = RenewAsync(message.MessageId, lease, renewing.Token);

        Exception? failure = null;
        var released = false;
        try
        {
            HostingLog.QueueTriggerFired(_logger, _functionName, _queueName, message.MessageId, message.DequeueCount);
            await _handler(message, abort);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            released = true;
        }
#pragma warning disable CA1031 // A handler failure is the message's outcome, not the listener's.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }

        // Settling is not cancelled by shutdown: a half-settled message is the one thing worth waiting for.
        try
        {
            if (released)
            {
                await _queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
                HostingLog.QueueMessageReleased(_logger, _functionName, message.MessageId);
            }
            else if (failure is null)
            {
                await _queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, CancellationToken.None);
                HostingLog.QueueMessageCompleted(_logger, _functionName, message.MessageId);
            }
            else if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                HostingLog.QueueMessagePoisoned(_logger, failure, _functionName, message.MessageId, message.DequeueCount, _poison.Name);
                await _poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);

                // Copy first, delete second: a crash in between duplicates the message rather than losing it.
                var copy = (await _poison.SendMessageAsync(message.Body, timeToLive: QueueTimeToLive.Never, cancellationToken: CancellationToken.None)).Value;
                await _queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, CancellationToken.None);
                HostingLog.QueueMessageMovedToPoison(_logger, message.MessageId, _poison.Name, copy.MessageId, _queueName);
            }
            else
            {
                HostingLog.QueueMessageFailed(_logger, failure, _functionName, message.MessageId, message.DequeueCount, _options.VisibilityTimeout);
                await _queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: _options.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // The message reappears when its visibility lapses; at-least-once delivery covers it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HostingLog.QueueSettleFailed(_logger, ex, _functionName, message.MessageId);
        }
    }

    /// <summary>Keeps a long-running message hidden by extending its visibility at half-time.</summary>
    private async Task RenewAsync(string messageId, MessageLease lease, CancellationToken cancellationToken)
    {
        var interval = _options.MessageLease / 2;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, cancellationToken);

                // Not cancelled mid-call, so the pop receipt we keep is the one the service holds.
                lease.PopReceipt = (await _queue.UpdateMessageAsync(messageId, lease.PopReceipt, visibilityTimeout: _options.MessageLease, cancellationToken: CancellationToken.None)).Value.PopReceipt;
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // A failed renewal is retried at the next interval; the handler keeps running.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                HostingLog.QueueStorageFailed(_logger, ex, _functionName, interval);
            }
        }
    }

    private sealed class MessageLease(string popReceipt)
    {
        public string PopReceipt { get; set; } = popReceipt;
    }
}
