using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>To the customer when a ticket closes because they did not answer: it can be reopened by replying.</summary>
internal static class AutoCloseTemplate
{
    public static RenderedEmail Render(AutoCloseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = MailTexts.For(model.Language);
        var ticket = model.Ticket.ToString();
        return CustomerMail.Render(
            t,
            TemplateText.Subject(model.Ticket, model.OriginalSubject, t),
            CustomerMail.Greeting(t, model.CustomerName),
            [new(t["autoClose.closed", ("ticket", ticket)]), new(t["autoClose.reopen", ("ticket", ticket)])],
            model.TeamName,
            t["footer.automatic"]);
    }
}

internal sealed record AutoCloseModel(TicketId Ticket, string? CustomerName, string OriginalSubject, string TeamName, string Language);
