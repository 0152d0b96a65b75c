using Microsoft.Extensions.Time.Testing;

namespace ServerlessSupport.Simulator.Engine;

/// <summary>
/// The run's <see cref="FakeTimeProvider"/>, moved by the simulation, plus a per-flow instant: the events that fall in the
/// same simulated minute run side by side (Azurite answers each call in a few milliseconds, so a strictly sequential run
/// spends most of its time waiting), and each sees its own instant through <see cref="At"/>.
/// </summary>
internal sealed class SimulatedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly AsyncLocal<DateTimeOffset?> _flow = new();

    public override DateTimeOffset GetUtcNow() => _flow.Value ?? base.GetUtcNow();

    /// <summary>Until disposed, this async flow (and what it awaits) sees <paramref name="instant"/> as now.</summary>
    public IDisposable At(DateTimeOffset instant)
    {
        var previous = _flow.Value;
        _flow.Value = instant;
        return new Restore(this, previous);
    }

    private sealed class Restore(SimulatedClock clock, DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => clock._flow.Value = previous;
    }
}
