using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class QuotedHistoryTests
{
    [Theory]
    [InlineData("Thanks, fixed!\n\nOn Mon, 5 Jan 2026 at 10:00, Jane Doe <jane@x.example> wrote:\n> Is it fixed?\n> Jane")]
    [InlineData("Thanks, fixed!\n\nOn Mon, 5 Jan 2026 at 10:00, Jane Doe <\njane@x.example> wrote:\n\n> Is it fixed?")]
    [InlineData("Thanks, fixed!\n\nOn Jan 5, 2026, at 10:00, Jane Doe <jane@x.example> wrote:\n\n> Is it fixed?")]
    [InlineData("Thanks, fixed!\n\n-----Original Message-----\nFrom: Jane\nSent: Monday\nIs it fixed?")]
    [InlineData("Thanks, fixed!\n\n________________________________\nFrom: Support <s@x.example>\nSent: Monday, January 5, 2026 10:00 AM\nTo: Jane <j@x.example>\nSubject: RE: Printer\n\nIs it fixed?")]
    [InlineData("Thanks, fixed!\n\n*From:* Support <s@x.example>\n*Sent:* Monday, January 5, 2026 10:00 AM\n*To:* Jane\n*Subject:* RE: Printer")]
    [InlineData("Thanks, fixed!\n\nAm 05.01.2026 um 10:00 schrieb Support <s@x.example>:\n> Ist es repariert?")]
    [InlineData("Thanks, fixed!\n\nLe lun. 5 janv. 2026 à 10:00, Support <s@x.example> a écrit :\n> Est-ce réparé ?")]
    [InlineData("Thanks, fixed!\n\nVon: Support <s@x.example>\nGesendet: Montag, 5. Januar 2026 10:00\nAn: Jane\nBetreff: AW: Drucker")]
    [InlineData("Thanks, fixed!\n-- Reply above this line --\nYour ticket [#K7M2QX9P] was received.")]
    [InlineData("Thanks, fixed!\n\n> -- Reply above this line --\n> Your ticket was received.")]
    [InlineData("Thanks, fixed!\n\n> Is it fixed?\n>\n> Jane\n")]
    [InlineData("Thanks, fixed!\r\n\r\nOn Mon, 5 Jan 2026 at 10:00, Jane <j@x.example> wrote:\r\n> old\r\n")]
    public void Strip_Replies_KeepOnlyTheNewPart(string text)
        => Assert.Equal("Thanks, fixed!", QuotedHistory.Strip(text));

    [Fact]
    public void Strip_InlineReplies_AreKept()
    {
        var text = "> Is the printer on?\nYes.\n> Which model?\nLaserJet 4.";

        Assert.Equal(text, QuotedHistory.Strip(text));
    }

    [Fact]
    public void Strip_WholeMessageQuoted_ReturnsFullText()
    {
        var text = "On Mon, 5 Jan 2026 at 10:00, Jane <j@x.example> wrote:\n> everything is quoted";

        Assert.Equal(text, QuotedHistory.Strip(text));
    }

    [Fact]
    public void Strip_ProseThatLooksLikeAttribution_IsKept()
    {
        var text = "On Monday my colleague wrote:\nthe printer is broken again.";

        Assert.Equal(text, QuotedHistory.Strip(text));
    }

    [Fact]
    public void Strip_ForwardedMessage_IsKept()
    {
        var text = "Please see below.\n\n---------- Forwarded message ---------\nFrom: Vendor <v@x.example>\nDate: Mon, 5 Jan 2026\nSubject: Invoice\nTo: Jane <j@x.example>\n\nPay now.";

        Assert.Equal(text, QuotedHistory.Strip(text));
    }

    [Fact]
    public void Strip_NoHistory_ReturnsTextTrimmedAtEnd()
        => Assert.Equal("Hello\n\nWorld", QuotedHistory.Strip("Hello\n\nWorld\n\n"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Strip_Empty_ReturnsEmpty(string? text)
        => Assert.Equal(string.Empty, QuotedHistory.Strip(text));

    [Fact]
    public void ReplyAboveMarker_IsTheDocumentedLine()
        => Assert.Equal("-- Reply above this line --", QuotedHistory.ReplyAboveMarker);
}
