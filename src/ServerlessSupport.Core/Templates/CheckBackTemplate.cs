using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// After solve: "did this solve it?" with two survey links (good / bad). A link opens a page with that answer chosen;
/// only the page's button records it, so a mail scanner that opens every link records nothing.
/// </summary>
internal static class CheckBackTemplate
{
    public static RenderedEmail Render(CheckBackModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = MailTexts.For(model.Language);
        return CustomerMail.Render(
            t,
            TemplateText.Subject(model.Ticket, model.OriginalSubject, t),
            CustomerMail.Greeting(t, model.CustomerName),
            [
                new(t["checkBack.solved", ("ticket", model.Ticket.ToString())]),
                new(t["checkBack.ask"]) { Links = SurveyLinks(t, model.GoodUrl, model.BadUrl) },
            ],
            model.TeamName,
            t["footer.automatic"]);
    }

    public static IReadOnlyList<MailLink> SurveyLinks(MailTexts texts, string goodUrl, string badUrl)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return [new(texts["rating.good"], goodUrl), new(texts["rating.bad"], badUrl)];
    }
}

internal sealed record CheckBackModel(TicketId Ticket, string? CustomerName, string OriginalSubject, string TeamName, string Language, string GoodUrl, string BadUrl);
