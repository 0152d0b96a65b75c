using ServerlessSupport.Testing.FakeSendGrid;

namespace ServerlessSupport.Functions.Tests.Agents;

/// <summary>
/// Test data: the plain-text body a mail client writes when the agent answers our notice above the quoted original.
/// Shapes after public samples (see ServerlessSupport.Core.Tests QuotedHistoryClientReplyTests): Gmail's attribution
/// wrapped before the address and "&gt; " quotes; Outlook's separator and "From: / Sent: / To: / Subject:" block over the
/// unquoted original (mailgun/talon tests/fixtures/standard_replies/outlook.eml); Apple Mail's "On 5 Jan 2026, at 10:05,
/// X &lt;x@…&gt; wrote:" over "&gt; " quotes (talon apple_mail_2.eml).
/// </summary>
internal static class ClientReplies
{
    public static string Write(string client, string words, FakeSendGridRequest notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var original = (notice.Content("text/plain") ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        var from = $"Example Support <{notice.ReplyTo}>";
        return client switch
        {
            "gmail" => $"{words}\n\nOn Mon, Jan 5, 2026 at 10:05\u202fAM Example Support <\n{notice.ReplyTo}> wrote:\n\n{Quote(original)}\n",
            "outlook" => $"{words}\n\n________________________________\nFrom: {from}\nSent: Monday, January 5, 2026 10:05 AM\nTo: Alice Agent <{AgentMailSession.AgentAddress}>\nSubject: {notice.Subject}\n\n{original}\n",
            "apple" => $"{words}\n\n> On 5 Jan 2026, at 10:05, {from} wrote:\n>\n{Quote(original)}\n",
            _ => throw new ArgumentOutOfRangeException(nameof(client), client, "gmail, outlook or apple"),
        };
    }

    private static string Quote(string text) => string.Join('\n', text.Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l));
}
