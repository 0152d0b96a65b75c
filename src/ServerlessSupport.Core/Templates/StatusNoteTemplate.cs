using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>To the customer when nobody has written to them for a while: where the ticket stands and what happens next.</summary>
internal static class StatusNoteTemplate
{
    public static RenderedEmail Render(StatusNoteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = MailTexts.For(model.Language);
        var ticket = model.Ticket.ToString();
        var next = model.NextUpdateBy is { } by ? t["status.nextBy", ("when", t.When(by, model.CustomerOffset))] : t["status.nextSoon"];
        return CustomerMail.Render(
            t,
            TemplateText.Subject(model.Ticket, model.OriginalSubject, t),
            CustomerMail.Greeting(t, model.CustomerName),
            [
                new(t["status.update", ("ticket", ticket), ("priority", TemplateText.PriorityName(t, model.Priority))]),
                new(next),
                new(t["status.add", ("ticket", ticket)]),
            ],
            model.TeamName,
            t["footer.statusNote"]);
    }
}

internal sealed record StatusNoteModel(
    TicketId Ticket,
    string? CustomerName,
    string OriginalSubject,
    string TeamName,
    string Language,
    Priority Priority,
    DateTimeOffset? NextUpdateBy,
    TimeSpan CustomerOffset);
