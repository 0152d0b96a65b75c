using System.Globalization;
using ServerlessSupport.Core.Email;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// Several notices of one sweep for the same recipient in one email, one paragraph per notice: to a customer in their
/// language (the anchor ticket's), to staff in English. No ticket token in the subject: a digest speaks for several.
/// </summary>
internal static class DigestTemplate
{
    public static RenderedEmail ToCustomer(string language, string? customerName, string teamName, IReadOnlyList<MailParagraph> lines, int tickets)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var t = MailTexts.For(language);
        return CustomerMail.Render(
            t,
            HeaderValue.Sanitize(t["digest.subject", ("count", tickets.ToString(t.Culture))]),
            CustomerMail.Greeting(t, customerName),
            [new(t["digest.intro"]), .. lines, new(t["digest.reply"])],
            teamName,
            t["footer.automatic"]);
    }

    public static RenderedEmail ToStaff(IReadOnlyList<MailParagraph> lines, int tickets)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var t = MailTexts.For("en");
        var subject = string.Create(CultureInfo.InvariantCulture, $"SLA digest: {lines.Count} notices on {tickets} ticket{(tickets == 1 ? string.Empty : "s")}");
        return CustomerMail.Render(
            t,
            subject,
            null,
            [new("Several SLA notices fell due in the same sweep; here they are in one email:"), .. lines],
            "Sent automatically by the SLA escalation sweep.",
            null);
    }
}
