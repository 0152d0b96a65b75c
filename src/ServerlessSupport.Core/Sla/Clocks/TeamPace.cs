using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// The team's recent times: first responses (the ticket rows' <see cref="Ticket.FirstResponseTime"/>) and resolutions
/// (<see cref="Ticket.ResolutionTime"/>), each on its target's clock with pauses excluded.
/// </summary>
internal interface IPaceSamples
{
    /// <summary>The first-response time and priority of every ticket first answered at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<PaceSample>> ReadFirstResponsesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The resolution time and priority of every ticket last solved at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<PaceSample>> ReadResolutionsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

internal sealed record PaceSample(Priority Priority, TimeSpan Time);

/// <summary>
/// The team's pace per priority: the realistic promise's percentile of first-response times in its window
/// (<see cref="ByPriority"/>) and the promises' estimate percentile of resolution times in theirs (<see cref="Resolution"/>).
/// </summary>
internal sealed record PaceSnapshot(DateTimeOffset TakenAt, IReadOnlyDictionary<Priority, PaceFigure> ByPriority)
{
    public IReadOnlyDictionary<Priority, PaceFigure> Resolution { get; init; } = new Dictionary<Priority, PaceFigure>();

    public static PaceSnapshot Empty(DateTimeOffset at) => new(at, new Dictionary<Priority, PaceFigure>());
}

internal sealed record PaceFigure(TimeSpan Percentile, int Samples);

/// <summary>
/// The realistic promise's and the promises' estimate statistics, cached per instance: it reads the windows' first
/// responses and resolutions at most once every <see cref="RefreshInterval"/> (two filtered queries of ticket rows),
/// never per email. Concurrent callers share one read,
/// and once there are figures nobody waits for a newer read.
/// </summary>
internal sealed class TeamPace(IPaceSamples samples, SupportPolicy policy, TimeProvider time)
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
        // Shared by every caller, so no one caller's cancellation may stop it.
        var promise = policy.RealisticPromise;
        var firstResponses = promise.Enabled
            ? await samples.ReadFirstResponsesSinceAsync(now.AddDays(-promise.WindowDays), CancellationToken.None).ConfigureAwait(false)
            : [];
        var estimate = policy.Promises;
        var resolutions = await samples.ReadResolutionsSinceAsync(now.AddDays(-estimate.EstimateWindowDays), CancellationToken.None).ConfigureAwait(false);
        return new PaceSnapshot(now, Figures(firstResponses, promise.Percentile)) { Resolution = Figures(resolutions, estimate.EstimatePercentile) };
    }

    private static Dictionary<Priority, PaceFigure> Figures(IReadOnlyList<PaceSample> read, int percentile) =>
        read.GroupBy(s => s.Priority).ToDictionary(g => g.Key, g => new PaceFigure(Percentile([.. g.Select(s => s.Time).Order()], percentile), g.Count()));

    /// <summary>Nearest-rank percentile of sorted values (at least one).</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, int percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
