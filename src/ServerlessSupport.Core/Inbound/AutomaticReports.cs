using System.Text.RegularExpressions;
using MimeKit;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Machine-written reports: delivery status (bounces), read receipts, abuse and feedback reports, DMARC and TLS
/// reports. Every one is certain: no person writes them. Only the message's own parts are looked at, never those of a
/// message it carries: a person who forwards a bounce as an attachment ("why did this bounce?") wrote to us, and the
/// bounce is inside their <c>message/rfc822</c> part, which <see cref="MimeBody"/> keeps whole.
/// </summary>
internal static partial class AutomaticReports
{
    public static MailClassification? Find(InboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var headers = email.Headers;

        // RFC 6522: every report is a multipart/report, its report-type says which (delivery-status RFC 3464,
        // disposition-notification RFC 8098, feedback-report RFC 5965, tlsrpt RFC 8460, and others).
        if (ContentType.TryParse(MimeParsing.Options, headers[HeaderId.ContentType] ?? string.Empty, out var contentType)
            && contentType.IsMimeType("multipart", "report"))
        {
            var reportType = contentType.Parameters["report-type"]?.Trim().ToLowerInvariant();
            return reportType switch
            {
                "delivery-status" => new(MailKind.Bounce, "Content-Type multipart/report; report-type=delivery-status"),
                "disposition-notification" => new(MailKind.AutoReply, "Content-Type multipart/report; report-type=disposition-notification (read receipt)"),
                null or "" => new(MailKind.Report, "Content-Type multipart/report"),
                _ => new(MailKind.Report, $"Content-Type multipart/report; report-type={AutomaticMailClassifier.Short(reportType)}"),
            };
        }

        // A report's machine-readable part inside another container: bounces that wrap their delivery-status part in
        // multipart/mixed (McAfee's gateway, sisimai lhost-mcafee-04), complaint loops that do the same with the feedback report.
        foreach (var attachment in email.Attachments)
        {
            switch (attachment.ContentType.ToLowerInvariant())
            {
                case "message/delivery-status" or "message/global-delivery-status":
                    return new(MailKind.Bounce, $"a {attachment.ContentType} part (delivery report)");
                case "message/disposition-notification" or "message/global-disposition-notification":
                    return new(MailKind.AutoReply, $"a {attachment.ContentType} part (read receipt)");
                case "message/feedback-report":
                    return new(MailKind.Report, "a message/feedback-report part (abuse or DMARC failure report)");
            }
        }

        // RFC 8460 §5.3: SMTP TLS reports carry TLS-Report-Domain and TLS-Report-Submitter.
        if (headers.Contains("TLS-Report-Domain"))
        {
            return new(MailKind.Report, "TLS-Report-Domain header present (SMTP TLS report)");
        }

        // RFC 7489 §7.2.1.1: a DMARC aggregate report's subject is "Report Domain: <domain> Submitter: <receiver>
        // Report-ID: <id>" and its file "<receiver>!<domain>!<begin>!<end>[!<id>].xml[.gz|.zip]".
        var subject = email.Subject.TrimStart();
        if (subject.StartsWith("Report Domain:", StringComparison.OrdinalIgnoreCase) && subject.Contains("Submitter:", StringComparison.OrdinalIgnoreCase))
        {
            return new(MailKind.Report, "a DMARC aggregate report (subject \"Report Domain: … Submitter: …\")");
        }

        foreach (var attachment in email.Attachments)
        {
            if (DmarcReportFile().IsMatch(attachment.FileName))
            {
                return new(MailKind.Report, $"a DMARC aggregate report ({AutomaticMailClassifier.Short(attachment.FileName)})");
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[^!\s]+![^!\s]+![0-9]{9,}![0-9]{9,}(![^!\s]*)?\.(xml|xml\.gz|gz|zip)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DmarcReportFile();
}
