using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// An agent's public reply as the customer receives it: the agent's text as written, signed with the agent's and the
/// team's name, under the reply-above marker so the customer's answer threads cleanly. Not automatic mail.
/// </summary>
internal static class AgentReplyTemplate
{
    public static RenderedEmail Render(AgentReplyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = model.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var text = $"""
            {TemplateText.ReplyAboveMarker}

            {body}

            {model.AgentName}
            {model.TeamName}

            Ticket {model.Ticket}: reply to this email and keep [#{model.Ticket}] in the subject.
            """;

        var paragraphs = string.Join(
            "\n",
            body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(p => $"<p>{TemplateText.Html(p.Trim()).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"));
        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p style="color:#888">{TemplateText.Html(TemplateText.ReplyAboveMarker)}</p>
            {paragraphs}
            <p>{TemplateText.Html(model.AgentName)}<br>{TemplateText.Html(model.TeamName)}</p>
            <p style="color:#888; font-size: smaller">Ticket {TemplateText.Html(model.Ticket.ToString())}: reply to this email and keep [#{TemplateText.Html(model.Ticket.ToString())}] in the subject.</p>
            </body></html>
            """;

        return new RenderedEmail(TemplateText.Subject(model.Ticket, model.OriginalSubject), text, html);
    }
}

internal sealed record AgentReplyModel(TicketId Ticket, string OriginalSubject, string Text, string AgentName, string TeamName);
