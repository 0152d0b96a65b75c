using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>To the customer while we wait on them: we need their answer, and when the ticket will close without one.</summary>
internal static class PendingReminderTemplate
{
    public static RenderedEmail Render(PendingReminderModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var greeting = TemplateText.Greeting(model.CustomerName);
        var close = model.AutoCloseAt is { } at
            ? $"If we don't hear from you, we will close the ticket on {TemplateText.When(at, model.CustomerOffset)}; you can reopen it at any time by replying."
            : "The ticket stays open until you reply.";

        var text = $"""
            {TemplateText.ReplyAboveMarker}

            {greeting}

            We are waiting for your answer on ticket {model.Ticket} so that we can continue.
            Please reply to this email with the information we asked for and keep [#{model.Ticket}] in the subject.

            {close}

            {model.TeamName}

            This is an automatic reminder.
            """;

        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p style="color:#888">{TemplateText.Html(TemplateText.ReplyAboveMarker)}</p>
            <p>{TemplateText.Html(greeting)}</p>
            <p>We are waiting for your answer on ticket <strong>{TemplateText.Html(model.Ticket.ToString())}</strong> so that we can
            continue. Please reply to this email with the information we asked for and keep [#{TemplateText.Html(model.Ticket.ToString())}]
            in the subject.</p>
            <p>{TemplateText.Html(close)}</p>
            <p>{TemplateText.Html(model.TeamName)}</p>
            <p style="color:#888; font-size: smaller">This is an automatic reminder.</p>
            </body></html>
            """;

        return new RenderedEmail(TemplateText.Subject(model.Ticket, model.OriginalSubject), text, html);
    }
}

internal sealed record PendingReminderModel(
    TicketId Ticket,
    string? CustomerName,
    string OriginalSubject,
    string TeamName,
    int Number,
    DateTimeOffset? AutoCloseAt,
    TimeSpan CustomerOffset);
