using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>To the customer when a ticket closes because they did not answer: it can be reopened by replying.</summary>
internal static class AutoCloseTemplate
{
    public static RenderedEmail Render(AutoCloseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var greeting = TemplateText.Greeting(model.CustomerName);
        var text = $"""
            {TemplateText.ReplyAboveMarker}

            {greeting}

            We have closed ticket {model.Ticket} because we did not hear back from you.
            If you still need help, just reply to this email (keep [#{model.Ticket}] in the subject) and the ticket opens again.

            {model.TeamName}

            This is an automatic message.
            """;

        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p style="color:#888">{TemplateText.Html(TemplateText.ReplyAboveMarker)}</p>
            <p>{TemplateText.Html(greeting)}</p>
            <p>We have closed ticket <strong>{TemplateText.Html(model.Ticket.ToString())}</strong> because we did not hear back from you.</p>
            <p>If you still need help, just reply to this email (keep [#{TemplateText.Html(model.Ticket.ToString())}] in the subject)
            and the ticket opens again.</p>
            <p>{TemplateText.Html(model.TeamName)}</p>
            <p style="color:#888; font-size: smaller">This is an automatic message.</p>
            </body></html>
            """;

        return new RenderedEmail(TemplateText.Subject(model.Ticket, model.OriginalSubject), text, html);
    }
}

internal sealed record AutoCloseModel(TicketId Ticket, string? CustomerName, string OriginalSubject, string TeamName);
