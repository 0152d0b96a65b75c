using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// An agent's public reply as the customer receives it: the agent's text as written, signed with the agent's and the
/// team's name, with the sentence stating a promise the agent made, under the reply-above marker so the customer's answer threads cleanly; the footer in the customer's
/// language. Not automatic mail.
/// </summary>
internal static class AgentReplyTemplate
{
    public static RenderedEmail Render(AgentReplyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = MailTexts.For(model.Language);
        var body = model.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        // The agent greets the customer in their own words: no greeting of the layout's.
        return CustomerMail.Render(
            t,
            TemplateText.Subject(model.Ticket, model.OriginalSubject, t),
            greeting: null,
            [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(p => new MailParagraph(p)), .. model.Promise is null ? [] : new[] { new MailParagraph(model.Promise) }],
            $"{model.AgentName}\n{model.TeamName}",
            t["reply.footer", ("ticket", model.Ticket.ToString())]);
    }
}

/// <param name="Promise">The sentence stating the promise the agent made with the reply (<see cref="PromiseWords"/>), if any.</param>
internal sealed record AgentReplyModel(TicketId Ticket, string OriginalSubject, string Text, string AgentName, string TeamName, string Language, string? Promise = null);
