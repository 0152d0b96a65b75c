using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>The first answer to a new ticket: the ticket number, what happens next, and when a person will reply.</summary>
internal static class AcknowledgmentTemplate
{
    public static RenderedEmail Render(AcknowledgmentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var greeting = string.IsNullOrWhiteSpace(model.CustomerName) ? "Hello," : $"Hello {model.CustomerName.Trim()},";
        var when = TemplateText.When(model.FirstResponseDue, model.CustomerOffset);
        var within = model.BusinessHours
            ? $"within {TemplateText.Duration(model.FirstResponseTarget).Replace(" hour", " working hour", StringComparison.Ordinal).Replace(" minute", " working minute", StringComparison.Ordinal)}"
            : $"within {TemplateText.Duration(model.FirstResponseTarget)}";

        var text = $"""
            {TemplateText.ReplyAboveMarker}

            {greeting}

            Thank you for writing to {model.TeamName}. We have received your message and opened ticket {model.Ticket} for it.

            What happens next: a person from our team will read your message and reply by {when}, {within}.
            You don't need to do anything in the meantime. If you want to add something, just reply to this email and keep
            [#{model.Ticket}] in the subject so it joins the same ticket.

            {model.TeamName}

            This is an automatic message sent because you wrote to us.
            """;

        var html = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif; line-height: 1.5">
            <p style="color:#888">{TemplateText.Html(TemplateText.ReplyAboveMarker)}</p>
            <p>{TemplateText.Html(greeting)}</p>
            <p>Thank you for writing to {TemplateText.Html(model.TeamName)}. We have received your message and opened ticket
            <strong>{TemplateText.Html(model.Ticket.ToString())}</strong> for it.</p>
            <p><strong>What happens next:</strong> a person from our team will read your message and reply by
            <strong>{TemplateText.Html(when)}</strong>, {TemplateText.Html(within)}.</p>
            <p>You don't need to do anything in the meantime. If you want to add something, just reply to this email and keep
            [#{TemplateText.Html(model.Ticket.ToString())}] in the subject so it joins the same ticket.</p>
            <p>{TemplateText.Html(model.TeamName)}</p>
            <p style="color:#888; font-size: smaller">This is an automatic message sent because you wrote to us.</p>
            </body></html>
            """;

        return new RenderedEmail(TemplateText.Subject(model.Ticket, model.OriginalSubject), text, html);
    }
}

internal sealed record AcknowledgmentModel(
    TicketId Ticket,
    string? CustomerName,
    string OriginalSubject,
    string TeamName,
    DateTimeOffset FirstResponseDue,
    TimeSpan FirstResponseTarget,
    bool BusinessHours,
    TimeSpan CustomerOffset);
