using ServerlessSupport.Core.Sla.Promises;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// To the customer when we broke our word: what we promised and when, that we did not make it, sorry, the new date, and
/// that the people responsible know. Short, and in the customer's language and time.
/// </summary>
internal static class ApologyTemplate
{
    public static RenderedEmail Render(ApologyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = MailTexts.For(model.Language);
        var paragraphs = new List<MailParagraph>();
        paragraphs.AddRange(model.Broken.Select(p => new MailParagraph(PromiseWords.Apology(t, p, model.CustomerUtcOffset, model.Zone))));
        paragraphs.Add(new(PromiseWords.NewDate(t, model.Next, model.Estimate, model.CustomerUtcOffset, model.Zone)));
        paragraphs.Add(new(t["apology.commit", ("ticket", model.Ticket.ToString())]));
        return CustomerMail.Render(
            t,
            TemplateText.Subject(model.Ticket, model.OriginalSubject, t),
            CustomerMail.Greeting(t, model.CustomerName),
            paragraphs,
            model.TeamName,
            t["footer.automatic"]);
    }
}

internal sealed record ApologyModel(
    TicketId Ticket,
    string? CustomerName,
    string OriginalSubject,
    string TeamName,
    string Language,
    IReadOnlyList<TicketPromise> Broken,
    TicketPromise Next,
    CompletionEstimate? Estimate,
    TimeSpan? CustomerUtcOffset,
    TimeZoneInfo Zone);
