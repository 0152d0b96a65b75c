using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>First-response times of recently answered tickets (the ticket rows' <see cref="Ticket.FirstResponseTime"/>).</summary>
internal interface IFirstResponseSamples
{
    /// <summary>The first-response time and priority of every ticket first answered at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<FirstResponseSample>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

internal sealed record FirstResponseSample(Priority Priority, TimeSpan Time);

/// <summary>The team's pace per priority: the policy's percentile of first-response times in the window, and how many there were.</summary>
internal sealed record PaceSnapshot(DateTimeOffset TakenAt, IReadOnlyDictionary<Priority, PaceFigure> ByPriority)
{
    public static PaceSnapshot Empty(DateTimeOffset at) => new(at, new Dictionary<Priority, PaceFigure>());
}

internal sealed record PaceFigure(TimeSpan Percentile, int Samples);

/// <summary>
/// The realistic promise's statistic, cached per instance: it reads the window's first responses at most once every
/// <see cref="RefreshInterval"/> (one filtered query of ticket rows), never per email. Concurrent callers share one read,
/// and once there are figures nobody waits for a newer read.
/// </summary>
internal sealed class TeamPace(IFirstResponseSamples samples, SupportPolicy policy, TimeProvider time)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private Task<PaceSnapshot>? _current;
    private Task? _refresh;

    /// <summary>
    /// The figures: the first call (and a call after a failed first read) waits for the read; later calls never wait
    /// for storage. A stale snapshot is served while one background read replaces it, because a query over a week of
    /// ticket rows can take seconds and every new email would otherwise wait for it.
    /// </summary>
    public Task<PaceSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Task<PaceSnapshot> current;
        lock (_gate)
        {
            if (_current is null || _current.IsFaulted || _current.IsCanceled)
            {
                _current = LoadAsync(now);
            }
            else if ((_refresh is null || _refresh.IsCompleted) && _current.IsCompletedSuccessfully && now - _current.Result.TakenAt >= RefreshInterval)
            {
                _refresh = RefreshAsync(now);
            }

            current = _current;
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task RefreshAsync(DateTimeOffset now)
    {
        try
        {
            var snapshot = await LoadAsync(now).ConfigureAwait(false);
            lock (_gate)
            {
                _current = Task.FromResult(snapshot);
            }
        }
#pragma warning disable CA1031 // A failed refresh keeps the older figures; the next call tries again.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task<PaceSnapshot> LoadAsync(DateTimeOffset now)
    {
        var promise = policy.RealisticPromise;
        if (!promise.Enabled)
        {
            return PaceSnapshot.Empty(now);
        }

        // Shared by every caller, so no one caller's cancellation may stop it.
        var read = await samples.ReadSinceAsync(now.AddDays(-promise.WindowDays), CancellationToken.None).ConfigureAwait(false);
        var figures = read
            .GroupBy(s => s.Priority)
            .ToDictionary(g => g.Key, g => new PaceFigure(Percentile([.. g.Select(s => s.Time).Order()], promise.Percentile), g.Count()));
        return new PaceSnapshot(now, figures);
    }

    /// <summary>Nearest-rank percentile of sorted values (at least one).</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, int percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
