using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// The first answer to a new ticket: the ticket number, what happens next, and when a person will reply, in the
/// customer's language and time zone. When the team is slower than its target it says so, and promises its real pace.
/// </summary>
internal static class AcknowledgmentTemplate
{
    public static RenderedEmail Render(AcknowledgmentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = MailTexts.For(model.Language);
        var promise = model.Promise;
        var ticket = model.Ticket.ToString();
        var when = t.When(promise.By, model.CustomerOffset);
        var within = t.Duration(promise.Within, promise.Business, promise.BusinessDay);
        var next = promise.Slower is { } slower
            ? t["ack.slower",
                ("target", t.Duration(slower.Target, promise.Business, promise.BusinessDay)),
                ("days", slower.WindowDays.ToString(t.Culture)),
                ("percentile", slower.Percentile.ToString(t.Culture)),
                ("observed", within),
                ("when", when),
                ("within", within)]
            : t["ack.next", ("when", when), ("within", within)];

        return CustomerMail.Render(
            t,
            TemplateText.Subject(model.Ticket, model.OriginalSubject, t),
            CustomerMail.Greeting(t, model.CustomerName),
            [
                new(t["ack.received", ("team", model.TeamName), ("ticket", ticket)]),
                new(next),
                new(t["ack.meantime", ("ticket", ticket)]),
            ],
            model.TeamName,
            t["footer.acknowledgment"]);
    }
}

internal sealed record AcknowledgmentModel(
    TicketId Ticket,
    string? CustomerName,
    string OriginalSubject,
    string TeamName,
    string Language,
    FirstResponsePromise Promise,
    TimeSpan CustomerOffset);
