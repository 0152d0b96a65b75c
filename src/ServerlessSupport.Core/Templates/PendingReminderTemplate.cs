using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>To the customer while we wait on them: we need their answer, and when the ticket will close without one.</summary>
internal static class PendingReminderTemplate
{
    public static RenderedEmail Render(PendingReminderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = MailTexts.For(model.Language);
        var close = model.AutoCloseAt is { } at ? t["pending.closeOn", ("when", t.When(at, model.CustomerOffset))] : t["pending.staysOpen"];
        return CustomerMail.Render(
            t,
            TemplateText.Subject(model.Ticket, model.OriginalSubject, t),
            CustomerMail.Greeting(t, model.CustomerName),
            [new(t["pending.waiting", ("ticket", model.Ticket.ToString())]), new(close)],
            model.TeamName,
            t["footer.reminder"]);
    }
}

internal sealed record PendingReminderModel(
    TicketId Ticket,
    string? CustomerName,
    string OriginalSubject,
    string TeamName,
    string Language,
    int Number,
    DateTimeOffset? AutoCloseAt,
    TimeSpan CustomerOffset);
