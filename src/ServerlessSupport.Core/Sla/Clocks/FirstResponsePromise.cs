
namespace ServerlessSupport.Core.Sla.Clocks;

/// <summary>
/// What the acknowledgment promises: a reply by <see cref="By"/>, within <see cref="Within"/> on the target's clock
/// (<see cref="Business"/>: business time, whole business days being <see cref="BusinessDay"/> long). <see cref="Slower"/>
/// is set when the team is currently slower than its target and the promise is the team's real pace instead.
/// </summary>
internal sealed record FirstResponsePromise(DateTimeOffset By, TimeSpan Within, bool Business, TimeSpan? BusinessDay, SlowerThanTarget? Slower = null);

/// <summary>The target the team is missing, and what it really achieves: the percentile over the window, rounded up.</summary>
internal sealed record SlowerThanTarget(TimeSpan Target, TimeSpan Observed, int Percentile, int WindowDays, int Samples);
