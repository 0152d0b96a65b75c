using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Sla.Promises;

/// <summary>
/// When a ticket like this one is likely solved: <see cref="Within"/> on the resolution target's clock (business time,
/// whole business days being <see cref="BusinessDay"/> long) and the instant <see cref="By"/>. <see cref="FromPace"/>:
/// the team's recent resolution times gave it ("usually solved within"); otherwise it is the resolution target ("we aim
/// to solve within"), since too few tickets were solved to tell.
/// </summary>
internal sealed record CompletionEstimate(DateTimeOffset By, TimeSpan Within, bool Business, TimeSpan? BusinessDay, bool FromPace)
{
    /// <summary>
    /// The estimate for <paramref name="ticket"/> at <paramref name="now"/> (docs/policy.md, "promises"): the policy's
    /// percentile of the priority's resolution times, rounded up as the realistic promise rounds, else the target;
    /// counted on the ticket's resolution clock from its start, or from now when that instant has passed already.
    /// </summary>
    public static CompletionEstimate For(Ticket ticket, SupportPolicy policy, PaceSnapshot? pace, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(policy);
        var spec = policy.Target(ticket.Priority, TargetKind.Resolution);
        var business = spec.Clock == ClockKind.Business && !spec.Calendar.IsAlwaysOpen;
        TimeSpan? businessDay = business ? spec.Calendar.LongestOpenDay : null;
        var fromPace = pace is not null
            && pace.Resolution.TryGetValue(ticket.Priority, out var figure)
            && figure.Samples >= policy.Promises.EstimateMinimumSamples;
        var within = fromPace ? PromisePlanner.RoundUp(pace!.Resolution[ticket.Priority].Percentile, businessDay ?? TimeSpan.FromDays(1)) : spec.Duration;
        var onClock = ticket.Sla.Resolution?.Clock is { IsPaused: false } clock ? clock.DueAt(spec with { Duration = within }) : null;
        var by = onClock is { } at && at > now ? at : spec.Add(now, within);
        return new CompletionEstimate(by, within, business, businessDay, fromPace);
    }
}
