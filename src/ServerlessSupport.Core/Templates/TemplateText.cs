using System.Net;
using ServerlessSupport.Core.Email;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>Shared pieces of every email we write: subject with the ticket token, HTML escaping, priority names.</summary>
internal static class TemplateText
{
    /// <summary>The line above which a customer's reply is taken as new text (QuotedHistory cuts there).</summary>
    public const string ReplyAboveMarker = QuotedHistory.ReplyAboveMarker;

    /// <summary><c>[#ID] Re: original subject</c>, sanitised for a header, without stacking tokens or "Re:" prefixes.</summary>
    public static string Subject(TicketId ticket, string originalSubject, MailTexts texts, string? prefix = "Re: ")
    {
        ArgumentNullException.ThrowIfNull(texts);
        var token = $"[#{ticket}]";
        var subject = HeaderValue.Sanitize(originalSubject, 200).Replace(token, string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
        while (subject.StartsWith("re:", StringComparison.OrdinalIgnoreCase))
        {
            subject = subject[3..].TrimStart();
        }

        if (subject.Length == 0)
        {
            subject = texts["subject.fallback"];
            prefix = null;
        }

        return HeaderValue.Sanitize($"{token} {prefix}{subject}");
    }

    /// <summary>A subject for display: one line, no stacked "Re:"/"Fwd:" prefixes, never empty.</summary>
    public static string CleanSubject(string? subject)
    {
        var clean = HeaderValue.Sanitize(subject, 300);
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var prefix in new[] { "re:", "fw:", "fwd:", "aw:", "wg:", "sv:" })
            {
                if (clean.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    clean = clean[prefix.Length..].TrimStart();
                    changed = true;
                }
            }
        }

        return clean.Length == 0 ? "(no subject)" : clean;
    }

    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>The priority's name in the texts' language ("hoch", "urgente").</summary>
    public static string PriorityName(MailTexts texts, Priority priority)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts["priority." + Sla.Clocks.PriorityExtensions.ToPolicyName(priority)];
    }
}
