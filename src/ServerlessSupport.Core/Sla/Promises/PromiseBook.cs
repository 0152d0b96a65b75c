using ServerlessSupport.Core.Sla.Policy;

namespace ServerlessSupport.Core.Sla.Promises;

/// <summary>
/// The promise rules as pure operations on a ticket's promise list (docs/policy.md, "promises"). A new promise replaces
/// the open one of its kind; a public reply keeps the open first-response and update promises, a solve the resolution
/// promise (in time: kept; late: broken, without an apology, since the customer has the news); the ticket's end replaces
/// what is still open. The sweeps break an open promise whose date passed while the ticket is open (SlaPlanner).
/// </summary>
internal static class PromiseBook
{
    /// <summary>How many promises a ticket row keeps: the oldest settled ones go first.</summary>
    public const int MaxKept = 20;

    public const string System = "system";

    public static (IReadOnlyList<TicketPromise> Promises, TicketPromise Made) Make(
        IReadOnlyList<TicketPromise> promises, PromiseKind kind, DateTimeOffset by, string madeBy, DateTimeOffset now, bool estimate = false)
    {
        ArgumentNullException.ThrowIfNull(promises);
        var made = new TicketPromise
        {
            Id = promises.Count == 0 ? 1 : promises.Max(p => p.Id) + 1,
            Kind = kind,
            By = by,
            MadeBy = madeBy,
            MadeAt = now,
            Estimate = estimate,
        };
        var settled = Settle(promises, p => p.Kind == kind, _ => PromiseState.Replaced, now);
        return (Bounded([.. settled, made]), made);
    }

    /// <summary>A public reply to the customer: the first reply and the update they were promised arrived.</summary>
    public static IReadOnlyList<TicketPromise> OnPublicReply(IReadOnlyList<TicketPromise> promises, DateTimeOffset now) =>
        Settle(promises, p => p.Kind is PromiseKind.FirstResponse or PromiseKind.Update, p => InTime(p, now), now);

    /// <summary>Solved: the resolution promise is settled by the time; nothing else is owed any more.</summary>
    public static IReadOnlyList<TicketPromise> OnSolved(IReadOnlyList<TicketPromise> promises, DateTimeOffset now) =>
        Settle(promises, _ => true, p => p.Kind == PromiseKind.Resolution ? InTime(p, now) : PromiseState.Replaced, now);

    /// <summary>Closed without a solve (auto-close, an agent's close): nothing is owed any more.</summary>
    public static IReadOnlyList<TicketPromise> OnClosed(IReadOnlyList<TicketPromise> promises, DateTimeOffset now) =>
        Settle(promises, _ => true, _ => PromiseState.Replaced, now);

    /// <summary>The sweep found these broken: settled as of their date.</summary>
    public static IReadOnlyList<TicketPromise> Broken(IReadOnlyList<TicketPromise> promises, IReadOnlyCollection<int> ids) =>
        [.. promises.Select(p => p.IsOpen && ids.Contains(p.Id) ? p with { State = PromiseState.Broken, SettledAt = p.By, RemindAt = null, CheckAt = null } : p)];

    public static IReadOnlyList<TicketPromise> Reminded(IReadOnlyList<TicketPromise> promises, IReadOnlyCollection<int> ids) =>
        [.. promises.Select(p => ids.Contains(p.Id) ? p with { Reminded = true, RemindAt = null } : p)];

    /// <summary>
    /// The stored instants of the open promises: the reminder <see cref="PromisePolicy.RemindBefore"/> the date (none
    /// when that was before the promise was made, or once sent, or for a first-response promise no later than the
    /// first-response deadline <paramref name="firstResponseDue"/>, whose escalations remind already), and the check at
    /// the date, moved into the customer's daytime when an apology would follow. Settled promises have neither.
    /// </summary>
    public static IReadOnlyList<TicketPromise> Derive(IReadOnlyList<TicketPromise> promises, SupportPolicy policy, TimeSpan? customerOffset, DateTimeOffset? firstResponseDue)
    {
        ArgumentNullException.ThrowIfNull(promises);
        ArgumentNullException.ThrowIfNull(policy);
        if (promises.Count == 0)
        {
            return promises;
        }

        var before = policy.Promises.RemindBefore;
        return [.. promises.Select(p => !p.IsOpen
            ? p with { RemindAt = null, CheckAt = null }
            : p with
            {
                RemindAt = p.Reminded || before <= TimeSpan.Zero || p.By - before <= p.MadeAt || (p.Kind == PromiseKind.FirstResponse && p.By <= firstResponseDue)
                    ? null
                    : p.By - before,
                CheckAt = policy.Promises.Apology ? policy.InCustomerDaytime(p.By, customerOffset) : p.By,
            })];
    }

    /// <summary>The open promise the customer is waiting on first (the nearest date), if any.</summary>
    public static TicketPromise? Next(IReadOnlyList<TicketPromise> promises) =>
        promises.Where(p => p.IsOpen).OrderBy(p => p.By).FirstOrDefault();

    private static PromiseState InTime(TicketPromise promise, DateTimeOffset now) => now <= promise.By ? PromiseState.Kept : PromiseState.Broken;

    private static IReadOnlyList<TicketPromise> Settle(IReadOnlyList<TicketPromise> promises, Func<TicketPromise, bool> which, Func<TicketPromise, PromiseState> state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(promises);
        return promises.Any(p => p.IsOpen && which(p))
            ? [.. promises.Select(p => p.IsOpen && which(p) ? p with { State = state(p), SettledAt = now, RemindAt = null, CheckAt = null } : p)]
            : promises;
    }

    private static List<TicketPromise> Bounded(List<TicketPromise> promises)
    {
        while (promises.Count > MaxKept && promises.FindIndex(p => !p.IsOpen) is var oldest and >= 0)
        {
            promises.RemoveAt(oldest);
        }

        return promises;
    }
}
