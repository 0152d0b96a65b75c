using ServerlessSupport.Core.Sla.Promises;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// The sentences that state a promise to the customer, in their language and time: the promise itself ("We will write
/// to you again by …"), the team's estimate worded as one, and the apology for a broken one. One home, so the agent's
/// reply, the status note and the apology say the same thing the same way.
/// </summary>
internal static class PromiseWords
{
    public static string Promise(MailTexts t, TicketPromise promise, TimeSpan? customerOffset, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(promise);
        return t["promise." + Key(promise.Kind), ("when", t.When(promise.By, customerOffset, zone))];
    }

    /// <summary>A new date from the team's pace (or target), with the date: "… usually solved within 3 working days, so our estimate is …".</summary>
    public static string Estimate(MailTexts t, CompletionEstimate estimate, TimeSpan? customerOffset, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(estimate);
        return t[estimate.FromPace ? "estimate.usually" : "estimate.target",
            ("within", t.Duration(estimate.Within, estimate.Business, estimate.BusinessDay)),
            ("when", t.When(estimate.By, customerOffset, zone))];
    }

    /// <summary>The estimate without a date, for a status note with no promise open: "Tickets like yours are usually solved within 3 working days."</summary>
    public static string Usually(MailTexts t, CompletionEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(estimate);
        return t[estimate.FromPace ? "status.usually" : "status.target", ("within", t.Duration(estimate.Within, estimate.Business, estimate.BusinessDay))];
    }

    /// <summary>"We promised to … by …. We did not make it, and we are sorry."</summary>
    public static string Apology(MailTexts t, TicketPromise broken, TimeSpan? customerOffset, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(broken);
        return t[broken.Estimate ? "apology.estimate" : "apology." + Key(broken.Kind), ("when", t.When(broken.By, customerOffset, zone))];
    }

    /// <summary>The new date after a broken promise: the estimate's own words when it is one, else the promise's.</summary>
    public static string NewDate(MailTexts t, TicketPromise next, CompletionEstimate? estimate, TimeSpan? customerOffset, TimeZoneInfo zone) =>
        estimate is not null ? Estimate(t, estimate, customerOffset, zone) : Promise(t, next, customerOffset, zone);

    /// <summary>In English for the agents: "an update", "a reply", "the solution".</summary>
    public static string StaffName(PromiseKind kind) => kind switch
    {
        PromiseKind.FirstResponse => "a first reply",
        PromiseKind.Update => "an update",
        PromiseKind.Resolution => "the solution",
        _ => kind.ToString(),
    };

    private static string Key(PromiseKind kind) => kind switch
    {
        PromiseKind.FirstResponse => "firstResponse",
        PromiseKind.Update => "update",
        PromiseKind.Resolution => "resolution",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
