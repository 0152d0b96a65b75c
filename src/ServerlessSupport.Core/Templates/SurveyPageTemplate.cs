using System.Text;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// The page a survey link opens, in the customer's language. The form shows the link's answer chosen, an optional
/// comment and a button; only the button's POST records anything, so a link scanner that opens (GET/HEAD) the link
/// records nothing. Everything shown is text (escaped); the page has no script.
/// </summary>
internal static class SurveyPageTemplate
{
    public static string Render(SurveyPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = MailTexts.For(model.Language);
        var (titleKey, messageKey) = model.Kind switch
        {
            SurveyPageKind.Form => ("survey.title", null),
            SurveyPageKind.Thanks => ("survey.thanks.title", "survey.thanks"),
            SurveyPageKind.AlreadyRecorded => ("survey.already.title", "survey.already"),
            SurveyPageKind.Expired => ("survey.expired.title", "survey.expired"),
            SurveyPageKind.Superseded => ("survey.superseded.title", "survey.superseded"),
            _ => ("survey.invalid.title", "survey.invalid"),
        };

        var body = new StringBuilder();
        if (messageKey is not null)
        {
            body.Append("<p>").Append(TemplateText.Html(t[messageKey])).Append("</p>\n");
        }
        else
        {
            var question = t["survey.question", ("ticket", model.Ticket?.ToString() ?? string.Empty)];
            body.Append("<form method=\"post\" action=\"").Append(TemplateText.Html(model.FormAction)).Append("\">\n")
                .Append("<fieldset><legend>").Append(TemplateText.Html(question)).Append("</legend>\n")
                .Append(Choice(t, SurveyRating.Good, model.Rating))
                .Append(Choice(t, SurveyRating.Bad, model.Rating))
                .Append("</fieldset>\n")
                .Append("<p><label for=\"comment\">").Append(TemplateText.Html(t["survey.comment"])).Append("</label><br>\n")
                .Append("<textarea id=\"comment\" name=\"comment\" rows=\"5\" cols=\"50\" maxlength=\"")
                .Append(model.CommentMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\"></textarea></p>\n")
                .Append("<p><button type=\"submit\">").Append(TemplateText.Html(t["survey.submit"])).Append("</button></p>\n")
                .Append("<p class=\"hint\">").Append(TemplateText.Html(t["survey.notYet"])).Append("</p>\n")
                .Append("</form>\n");
        }

        var title = TemplateText.Html(t[titleKey]);
        return $"""
            <!DOCTYPE html>
            <html lang="{TemplateText.Html(t.Language)}"><head><meta charset="utf-8"><meta name="robots" content="noindex">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
            <style>body{"{"}font-family:sans-serif;line-height:1.5;max-width:36em;margin:3em auto;padding:0 1em{"}"} fieldset{"{"}border:0;padding:0{"}"} legend{"{"}font-weight:bold;margin-bottom:.5em{"}"} label.choice{"{"}display:block;margin:.3em 0{"}"} .hint{"{"}color:#666;font-size:smaller{"}"}</style>
            </head>
            <body>
            <h1>{title}</h1>
            {body}</body></html>
            """;
    }

    private static string Choice(MailTexts t, SurveyRating rating, SurveyRating selected)
    {
        var value = SurveyTokens.Name(rating);
        var isChecked = rating == selected ? " checked" : string.Empty;
        return $"<label class=\"choice\"><input type=\"radio\" name=\"rating\" value=\"{value}\"{isChecked}> {TemplateText.Html(t["rating." + value])}</label>\n";
    }
}

internal enum SurveyPageKind
{
    Form,
    Thanks,
    AlreadyRecorded,
    Expired,
    Superseded,
    Invalid,
}

/// <summary><see cref="FormAction"/>: where the form posts (the link's own path); the token is the credential.</summary>
internal sealed record SurveyPageModel(SurveyPageKind Kind, string Language, TicketId? Ticket = null, SurveyRating Rating = SurveyRating.Good, string FormAction = "", int CommentMaxLength = 0);
