using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>To the customer when nobody has written to them for a while: where the ticket stands and what happens next.</summary>
internal static class StatusNoteTemplate
{
    public static RenderedEmail Render(StatusNoteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var greeting = TemplateText.Greeting(model.CustomerName);
        var next = model.NextUpdateBy is { } by
            ? $"What happens next: a person from our team is working on it and will write to you by {TemplateText.When(by, model.CustomerOffset)}."
            : "What happens next: a person from our team is working on it and will write to you as soon as there is news.";

        var text = $"""
            {TemplateText.ReplyAboveMarker}

            {greeting}

            A short update on ticket {model.Ticket}: it is still open and we have not forgotten it.
            Current status: open, priority {model.Priority.ToString().ToLowerInvariant()}.

            {next}
            If you have anything to add, just reply to this email and keep [#{model.Ticket}] in the subject.

            {model.TeamName}

            This is an automatic status note.
            """;

        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p style="color:#888">{TemplateText.Html(TemplateText.ReplyAboveMarker)}</p>
            <p>{TemplateText.Html(greeting)}</p>
            <p>A short update on ticket <strong>{TemplateText.Html(model.Ticket.ToString())}</strong>: it is still open and we have
            not forgotten it. Current status: open, priority {TemplateText.Html(model.Priority.ToString().ToLowerInvariant())}.</p>
            <p>{TemplateText.Html(next)}</p>
            <p>If you have anything to add, just reply to this email and keep [#{TemplateText.Html(model.Ticket.ToString())}] in the subject.</p>
            <p>{TemplateText.Html(model.TeamName)}</p>
            <p style="color:#888; font-size: smaller">This is an automatic status note.</p>
            </body></html>
            """;

        return new RenderedEmail(TemplateText.Subject(model.Ticket, model.OriginalSubject), text, html);
    }
}

internal sealed record StatusNoteModel(
    TicketId Ticket,
    string? CustomerName,
    string OriginalSubject,
    string TeamName,
    Priority Priority,
    DateTimeOffset? NextUpdateBy,
    TimeSpan CustomerOffset);
