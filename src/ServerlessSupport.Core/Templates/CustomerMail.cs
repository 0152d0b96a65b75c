using System.Text;
using ServerlessSupport.Core.Email;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// The one layout of every email to a customer, in text and HTML from the same paragraphs: the reply-above marker, the
/// greeting (if any), the paragraphs (each with optional links), the signature and a small footer (if any). Every value is text: the
/// HTML part escapes it, so nothing from a ticket becomes markup.
/// </summary>
internal static class CustomerMail
{
    public static RenderedEmail Render(MailTexts texts, string subject, string? greeting, IReadOnlyList<MailParagraph> paragraphs, string signature, string? footer)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(paragraphs);
        var text = new StringBuilder();
        text.Append(TemplateText.ReplyAboveMarker).Append("\n\n");
        if (greeting is not null)
        {
            text.Append(greeting).Append("\n\n");
        }

        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()).Append('\n');
            foreach (var link in paragraph.Links)
            {
                text.Append("  ").Append(link.Label).Append(": ").Append(link.Url).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(signature).Append('\n');
        if (footer is not null)
        {
            text.Append('\n').Append(footer).Append('\n');
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(TemplateText.Html(texts.Language)).Append("\"><body style=\"font-family: sans-serif; line-height: 1.5\">\n");
        html.Append("<p style=\"color:#888\">").Append(TemplateText.Html(TemplateText.ReplyAboveMarker)).Append("</p>\n");
        if (greeting is not null)
        {
            html.Append("<p>").Append(TemplateText.Html(greeting)).Append("</p>\n");
        }

        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(HtmlLines(paragraph.Text));
            if (paragraph.Links.Count > 0)
            {
                html.Append("<br>").Append(string.Join(" &middot; ", paragraph.Links.Select(l => $"<a href=\"{TemplateText.Html(l.Url)}\">{TemplateText.Html(l.Label)}</a>")));
            }

            html.Append("</p>\n");
        }

        html.Append("<p>").Append(HtmlLines(signature)).Append("</p>\n");
        if (footer is not null)
        {
            html.Append("<p style=\"color:#888; font-size: smaller\">").Append(TemplateText.Html(footer)).Append("</p>\n");
        }

        html.Append("</body></html>\n");
        return new RenderedEmail(subject, text.ToString(), html.ToString());
    }

    /// <summary>"Hello Jane," or "Hello," without a usable name, in the texts' language.</summary>
    public static string Greeting(MailTexts texts, string? customerName)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var name = HeaderValue.Sanitize(customerName?.Trim(), 100);
        return name.Length == 0 ? texts["greeting.plain"] : texts["greeting.named", ("name", name)];
    }

    private static string HtmlLines(string text) =>
        TemplateText.Html(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()).Replace("\n", "<br>", StringComparison.Ordinal);
}

/// <summary>One paragraph of a customer email, with links shown under it (labels and URLs are text).</summary>
internal sealed record MailParagraph(string Text)
{
    public IReadOnlyList<MailLink> Links { get; init; } = [];
}

internal sealed record MailLink(string Label, string Url);
