using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Templates;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Inbound;

/// <summary>
/// An agent's reply to our notification (AgentNoticeTemplate) as real mail clients write it: only the agent's words are
/// left. The shapes are written by hand after public samples of each client's reply: mailgun/talon
/// tests/fixtures/standard_replies/outlook.eml (Outlook's "From: … [mailto:…] / Sent: / To: / Subject:" block, also as
/// HTML with bold labels) and apple_mail_2.eml (Apple Mail's "&gt; On 22 Aug 2015, at 19:21, X &lt;x@…&gt; wrote:" quoted
/// right under the reply, no blank line), github/email_reply_parser test/emails/email_from_address_in_quote_header.txt
/// and the Gmail attribution Gmail wraps before the address ("On Mon, Jan 5, 2026 at 10:05 AM Name &lt;" / "addr&gt;
/// wrote:"); Outlook on the web and new Outlook put a "________________________________" line above the block. The shared
/// corpus (/work/shared/corpus/raw-mail) holds no reply with quoted history, so none of its files is used here.
/// </summary>
public class QuotedHistoryClientReplyTests
{
    private const string Words = "Hi Jane,\n\nplease unplug the printer and keep the window open; a technician comes at 3 pm.\n\nAlice";
    private const string ReplyAddress = "support+R2K7M2QX9PA1B2C3D4EFGHJKMNPQ@example.test";

    private static readonly string Notice = AgentNoticeTemplate.Render(new AgentNoticeModel(
        AgentNoticeKind.Assignment, TicketId.Parse("K7M2QX9P"), "Printer on fire", "jane@customer.example", "open", "normal", "alice",
        "first response due 2026-01-05 18:00 UTC", "Hello, my printer is on fire.\nWhat should I do?", "https://support.example.test/api/dashboard/#/tickets/K7M2QX9P", CanReply: true)).Text;

    public static TheoryData<string, string> Replies => new()
    {
        {
            "Gmail (US), attribution wrapped before the address",
            Words + "\n\nOn Mon, Jan 5, 2026 at 10:05\u202fAM Example Support <\n" + ReplyAddress + "> wrote:\n\n" + Quoted(Notice)
        },
        {
            "Gmail (UK), attribution on one line",
            Words + "\n\nOn Mon, 5 Jan 2026 at 10:05, Example Support <" + ReplyAddress + "> wrote:\n\n" + Quoted(Notice)
        },
        {
            "Outlook desktop, HTML mail's text part: separator and From/Sent block, history unquoted",
            Words + "\n\n________________________________\nFrom: Example Support <" + ReplyAddress + ">\nSent: Monday, January 5, 2026 10:05 AM\nTo: Alice Agent <alice@agents.example>\nSubject: [#K7M2QX9P] Assigned to you: Printer on fire\n\n" + Notice
        },
        {
            "Outlook desktop, plain text: From line with [mailto:] and a trailing space",
            Words + "\n\nFrom: Example Support [mailto:" + ReplyAddress + "] \nSent: January-05-26 10:05 AM\nTo: Alice Agent\nSubject: [#K7M2QX9P] Assigned to you: Printer on fire\n\n" + Notice
        },
        {
            "Outlook desktop, plain text: Original Message separator",
            Words + "\n\n-----Original Message-----\nFrom: Example Support <" + ReplyAddress + ">\nSent: Monday, January 5, 2026 10:05 AM\nTo: alice@agents.example\nSubject: [#K7M2QX9P] Assigned to you: Printer on fire\n\n" + Notice
        },
        {
            "Apple Mail (macOS): attribution, blank line, quoted notice",
            Words + "\n\nOn 5 Jan 2026, at 10:05, Example Support <" + ReplyAddress + "> wrote:\n\n" + Quoted(Notice)
        },
        {
            "Apple Mail / iPhone: quoted attribution straight under the reply",
            Words + "\n\nSent from my iPhone\n> On 5 Jan 2026, at 10:05, Example Support <" + ReplyAddress + "> wrote:\n>\n" + Quoted(Notice)
        },
        {
            "Windows line endings throughout",
            (Words + "\n\nOn Mon, 5 Jan 2026 at 10:05, Example Support <" + ReplyAddress + "> wrote:\n\n" + Quoted(Notice)).Replace("\n", "\r\n", StringComparison.Ordinal)
        },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Strip_ClientReplyToNotice_KeepsTheAgentsWordsOnly(string client, string text)
    {
        var stripped = QuotedHistory.Strip(text);

        var expected = client.StartsWith("Apple Mail / iPhone", StringComparison.Ordinal) ? Words + "\n\nSent from my iPhone" : Words;
        Assert.Equal(expected, stripped);
        AssertNoNoticeText(stripped);
    }

    [Fact]
    public void Strip_OutlookHtmlReplyToNotice_KeepsTheAgentsWordsOnly()
    {
        // Outlook's HTML (talon's outlook.eml): the header block is one paragraph with bold labels and <br>s.
        var html = "<html><body lang=EN-GB><div class=WordSection1>"
            + "<p class=MsoNormal><span style='color:#1F497D'>Hi Jane,<o:p></o:p></span></p><p class=MsoNormal><span style='color:#1F497D'><o:p>&nbsp;</o:p></span></p>"
            + "<p class=MsoNormal><span style='color:#1F497D'>please unplug the printer and keep the window open; a technician comes at 3 pm.<o:p></o:p></span></p>"
            + "<p class=MsoNormal><span style='color:#1F497D'><o:p>&nbsp;</o:p></span></p><p class=MsoNormal><span style='color:#1F497D'>Alice<o:p></o:p></span></p>"
            + "<p class=MsoNormal><o:p>&nbsp;</o:p></p><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
            + "<p class=MsoNormal><b><span lang=EN-US>From:</span></b><span lang=EN-US> Example Support &lt;" + ReplyAddress + "&gt; <br><b>Sent:</b> Monday, January 5, 2026 10:05 AM<br>"
            + "<b>To:</b> Alice Agent &lt;alice@agents.example&gt;<br><b>Subject:</b> [#K7M2QX9P] Assigned to you: Printer on fire<o:p></o:p></span></p></div>"
            + "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
            + string.Concat(Notice.Split("\n\n").Select(p => $"<p>{System.Net.WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>"))
            + "</div></body></html>";

        var stripped = QuotedHistory.Strip(HtmlToText.Convert(html));

        Assert.StartsWith("Hi Jane,", stripped, StringComparison.Ordinal);
        Assert.EndsWith("Alice", stripped, StringComparison.Ordinal);
        Assert.Contains("a technician comes at 3 pm.", stripped, StringComparison.Ordinal);
        AssertNoNoticeText(stripped);
    }

    [Fact]
    public void Strip_CommandLineAboveGmailQuote_CommandAndTextSurvive()
    {
        var text = "#solve\nThe technician replaced the fuser; all fine now.\n\nOn Mon, 5 Jan 2026 at 10:05, Example Support <" + ReplyAddress + "> wrote:\n\n" + Quoted(Notice);

        var stripped = QuotedHistory.Strip(text);
        var commands = AgentMailCommands.Parse(stripped, "alice");

        Assert.Equal(TicketStatus.Solved, commands.Status);
        Assert.Equal("The technician replaced the fuser; all fine now.", commands.Text);
    }

    private static string Quoted(string text) =>
        string.Join('\n', text.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l)) + "\n";

    private static void AssertNoNoticeText(string stripped)
    {
        Assert.DoesNotContain("Assigned to you", stripped, StringComparison.Ordinal);
        Assert.DoesNotContain(TemplateText.ReplyAboveMarker, stripped, StringComparison.Ordinal);
        Assert.DoesNotContain("Open the ticket", stripped, StringComparison.Ordinal);
        Assert.DoesNotContain("my printer is on fire", stripped, StringComparison.Ordinal);
        Assert.DoesNotContain(ReplyAddress, stripped, StringComparison.OrdinalIgnoreCase);
    }
}
