using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>Internal, in English: a promise to a customer is about to fall due, or broke. Never to the customer.</summary>
internal static class PromiseStaffTemplate
{
    public static RenderedEmail Reminder(PromiseStaffModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var promise = model.Promises[0];
        var subject = $"[#{model.Ticket}] Promise due {Utc(promise.By)} — {model.Subject}";
        return Render(subject, [
            $"Ticket {model.Ticket} (\"{model.Subject}\") from {model.Customer}: {Line(promise)}.",
            "Keep it: write to the customer (or solve the ticket) before then, or promise a new date with your reply.",
        ], model.Link);
    }

    public static RenderedEmail Broken(PromiseStaffModel model, string outcome)
    {
        ArgumentNullException.ThrowIfNull(model);
        var subject = $"[#{model.Ticket}] Promise broken — {model.Subject}";
        return Render(subject, [
            $"Ticket {model.Ticket} (\"{model.Subject}\") from {model.Customer}: not kept in time:",
            .. model.Promises.Select(p => "- " + Line(p)),
            outcome,
        ], model.Link);
    }

    /// <summary>"we promised an update by Monday 5 January, 15:00 (UTC) (promise 2, by jane)".</summary>
    public static string Line(TicketPromise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var by = promise.Estimate ? "the team's estimate" : promise.MadeBy;
        return $"we promised {PromiseWords.StaffName(promise.Kind)} by {Utc(promise.By)} (promise {promise.Id}, {by})";
    }

    public static string Utc(DateTimeOffset at) => MailTexts.For("en").When(at, TimeSpan.Zero);

    private static RenderedEmail Render(string subject, IReadOnlyList<string> lines, string link) =>
        StaffMail.Render(subject, lines, link, footer: "Sent automatically by the SLA sweep.");
}

internal sealed record PromiseStaffModel(TicketId Ticket, string Subject, string Customer, IReadOnlyList<TicketPromise> Promises, string Link);
