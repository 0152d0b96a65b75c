using System.Collections.Concurrent;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Tests;

/// <summary>What test handlers saw; registered as a singleton so per-invocation handlers share it.</summary>
internal sealed class Recorder
{
    public ConcurrentQueue<QueueInvocation> Queue { get; } = new();

    public ConcurrentQueue<TimerInvocation> Timer { get; } = new();
}

internal sealed class RecordingQueueFunction(Recorder recorder) : IQueueFunction
{
    public Task HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        recorder.Queue.Enqueue(invocation);
        return Task.CompletedTask;
    }
}

internal sealed class RecordingTimerFunction(Recorder recorder) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, CancellationToken cancellationToken)
    {
        recorder.Timer.Enqueue(invocation);
        return Task.CompletedTask;
    }
}

internal sealed class FailingQueueFunction : IQueueFunction
{
    public const string Secret = "AccountKey=do-not-leak";

    public Task HandleAsync(QueueInvocation invocation, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("ticket store unavailable\n" + Secret);
}
