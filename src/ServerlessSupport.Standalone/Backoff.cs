namespace ServerlessSupport.Standalone;

/// <summary>
/// A delay that doubles from <c>first</c> up to <c>max</c>, with jitter (±20 %) so that instances polling one queue
/// spread out; <see cref="Reset"/> starts again from <c>first</c>. The standalone host's queue listeners (empty polls,
/// storage faults) and timers (storage faults) wait with it.
/// </summary>
internal sealed class Backoff(TimeSpan first, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private TimeSpan _current;

    /// <summary>A fixed delay: the same wait every time, no jitter.</summary>
    public static Backoff Fixed(TimeSpan delay) => new(delay, delay);

    public TimeSpan Next()
    {
        if (first == max)
        {
            return first;
        }

        if (_current == TimeSpan.Zero)
        {
            _current = first;
        }

#pragma warning disable CA5394 // Jitter only spreads polls; it needs no cryptographic randomness.
        var jittered = _current * (0.8 + (0.4 * _random.NextDouble()));
#pragma warning restore CA5394
        _current = TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, max.Ticks));
        return jittered > max ? max : jittered;
    }

    public void Reset() => _current = TimeSpan.Zero;

    /// <summary>Waits, and returns quietly when the host stops first.</summary>
    public static async Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Runs a start-up step (create the queue, catch up on missed timer occurrences) until it succeeds: storage being
    /// down must not crash the process, so each failure is reported and waited out. False when the host stopped first.
    /// </summary>
    public async Task<bool> UntilDoneAsync(Func<CancellationToken, Task> step, Action<Exception, TimeSpan> failed, TimeProvider time, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await step(stopping);
                Reset();
                return true;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return false;
            }
#pragma warning disable CA1031 // Storage being down must not crash the process: report and retry.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var wait = Next();
                failed(ex, wait);
                await DelayAsync(time, wait, stopping);
            }
        }

        return false;
    }
}
