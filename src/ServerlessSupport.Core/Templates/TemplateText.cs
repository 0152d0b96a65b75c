using System.Globalization;
using System.Net;
using ServerlessSupport.Core.Email;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Templates;

/// <summary>Shared pieces of every email we write: subject with the ticket token, HTML escaping, friendly times.</summary>
internal static class TemplateText
{
    /// <summary>The line above which a customer's reply is taken as new text (QuotedHistory cuts there).</summary>
    public const string ReplyAboveMarker = QuotedHistory.ReplyAboveMarker;

    /// <summary><c>[#ID] Re: original subject</c>, sanitised for a header, without stacking tokens or "Re:" prefixes.</summary>
    public static string Subject(TicketId ticket, string originalSubject, string? prefix = "Re: ")
    {
        var token = $"[#{ticket}]";
        var subject = HeaderValue.Sanitize(originalSubject, 200).Replace(token, string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
        while (subject.StartsWith("re:", StringComparison.OrdinalIgnoreCase))
        {
            subject = subject[3..].TrimStart();
        }

        if (subject.Length == 0)
        {
            subject = "Your request";
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

    /// <summary>"Hello Jane," or "Hello," without a usable name.</summary>
    public static string Greeting(string? customerName) =>
        string.IsNullOrWhiteSpace(customerName) ? "Hello," : $"Hello {HeaderValue.Sanitize(customerName.Trim(), 100)},";

    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>"Tuesday 6 January, 11:00 (UTC+01:00)" in the given offset.</summary>
    public static string When(DateTimeOffset at, TimeSpan offset)
    {
        var local = at.ToOffset(offset);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var zone = offset == TimeSpan.Zero ? "UTC" : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{offset.Duration():hh\\:mm}");
        return local.ToString("dddd d MMMM, HH:mm", CultureInfo.InvariantCulture) + $" ({zone})";
    }

    /// <summary>"4 hours", "2 days", "45 minutes": how long, in words a customer uses.</summary>
    public static string Duration(TimeSpan span)
    {
        static string Plural(double n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n:0.#} {unit}{(Math.Abs(n - 1) < 0.05 ? string.Empty : "s")}");
        return span.TotalMinutes < 90 ? Plural(Math.Round(span.TotalMinutes), "minute")
            : span.TotalHours < 48 ? Plural(Math.Round(span.TotalHours, 1), "hour")
            : Plural(Math.Round(span.TotalDays, 1), "day");
    }
}
