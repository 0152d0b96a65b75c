using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>After solve: "did this solve it?" with two one-click survey links (good / bad).</summary>
internal static class CheckBackTemplate
{
    public static RenderedEmail Render(CheckBackModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var greeting = TemplateText.Greeting(model.CustomerName);
        var text = $"""
            {TemplateText.ReplyAboveMarker}

            {greeting}

            We solved ticket {model.Ticket} a few days ago. Did this solve your problem?
            If not, just reply to this email (keep [#{model.Ticket}] in the subject) and the ticket opens again.

            How did we do? One click is enough:
              Good: {model.GoodUrl}
              Bad:  {model.BadUrl}

            {model.TeamName}

            This is an automatic message.
            """;

        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p style="color:#888">{TemplateText.Html(TemplateText.ReplyAboveMarker)}</p>
            <p>{TemplateText.Html(greeting)}</p>
            <p>We solved ticket <strong>{TemplateText.Html(model.Ticket.ToString())}</strong> a few days ago. Did this solve your problem?
            If not, just reply to this email (keep [#{TemplateText.Html(model.Ticket.ToString())}] in the subject) and the ticket opens again.</p>
            <p>How did we do? One click is enough:
            <a href="{TemplateText.Html(model.GoodUrl)}">Good</a> &middot; <a href="{TemplateText.Html(model.BadUrl)}">Bad</a></p>
            <p>{TemplateText.Html(model.TeamName)}</p>
            <p style="color:#888; font-size: smaller">This is an automatic message.</p>
            </body></html>
            """;

        return new RenderedEmail(TemplateText.Subject(model.Ticket, model.OriginalSubject), text, html);
    }
}

internal sealed record CheckBackModel(TicketId Ticket, string? CustomerName, string OriginalSubject, string TeamName, string GoodUrl, string BadUrl);
