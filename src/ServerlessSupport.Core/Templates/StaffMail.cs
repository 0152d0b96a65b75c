namespace ServerlessSupport.Core.Templates;

/// <summary>
/// The one layout of the short internal mails to staff (promise reminders and breaks, notifications, refused agent mail):
/// paragraphs, a link to the ticket and an optional footer, in text and HTML from the same lines, every value escaped.
/// With <c>replyAbove</c> the reply-above marker leads, so an agent's answer by email is cut from the quoted mail.
/// </summary>
internal static class StaffMail
{
    public static RenderedEmail Render(string subject, IReadOnlyList<string> lines, string link, string? footer = null, bool replyAbove = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var marker = replyAbove ? TemplateText.ReplyAboveMarker + "\n\n" : string.Empty;
        var text = marker + string.Join("\n\n", lines) + $"\n\nOpen the ticket: {link}\n" + (footer is null ? string.Empty : $"\n{footer}\n");
        var html = "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif; line-height: 1.5\">\n"
            + (replyAbove ? $"<p style=\"color:#888\">{TemplateText.Html(TemplateText.ReplyAboveMarker)}</p>\n" : string.Empty)
            + string.Concat(lines.Select(l => $"<p>{TemplateText.Html(l).Replace("\n", "<br>", StringComparison.Ordinal)}</p>\n"))
            + $"<p><a href=\"{TemplateText.Html(link)}\">Open the ticket</a></p>\n"
            + (footer is null ? string.Empty : $"<p style=\"color:#888; font-size: smaller\">{TemplateText.Html(footer)}</p>\n")
            + "</body></html>\n";
        return new RenderedEmail(Email.HeaderValue.Sanitize(subject), text, html);
    }
}
