using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class MailHeadersTests
{
    [Fact]
    public void Parse_FoldedLinesWithCrLf_AreUnfolded()
    {
        var headers = MailHeaders.Parse("Subject: a long\r\n subject\r\n\tline\r\nTo: x@y.z\r\n");

        Assert.Equal("a long subject\tline", headers.Get("subject"));
        Assert.Equal("x@y.z", headers.Get("TO"));
    }

    [Fact]
    public void Parse_LfOnly_IsAccepted()
    {
        var headers = MailHeaders.Parse("Subject: one\n two\nFrom: a@b.c\n");

        Assert.Equal("one two", headers.Get("Subject"));
        Assert.Equal("a@b.c", headers.Get("From"));
    }

    [Fact]
    public void Parse_RepeatedNames_KeptInOrder()
    {
        var headers = MailHeaders.Parse("Received: first\r\nX: 1\r\nreceived: second\r\n");

        Assert.Equal(["first", "second"], headers.GetAll("Received"));
        Assert.Equal("first", headers.Get("RECEIVED"));
        Assert.Equal(3, headers.Count);
    }

    [Fact]
    public void Parse_GarbageLines_AreSkippedWithTheirContinuations()
    {
        var headers = MailHeaders.Parse("From jane@x Mon Jan  5 10:00:00 2026\r\nnot a header\r\n continued\r\nSubject: ok\r\n: empty name\r\n");

        Assert.Single(headers.All);
        Assert.Equal("ok", headers.Get("Subject"));
    }

    [Fact]
    public void Parse_StopsAtBlankLineAfterHeaders()
    {
        var headers = MailHeaders.Parse("\r\nSubject: s\r\n\r\nBody: not a header\r\n");

        Assert.Equal("s", headers.Get("Subject"));
        Assert.Null(headers.Get("Body"));
    }

    [Fact]
    public void Parse_TooManyHeaders_CapsCount()
    {
        var raw = string.Concat(Enumerable.Range(0, 1500).Select(i => $"X-{i}: v\r\n"));

        var headers = MailHeaders.Parse(raw);

        Assert.Equal(MailHeaders.MaxHeaders, headers.Count);
    }

    [Fact]
    public void Parse_HugeValue_IsCut()
    {
        var raw = "X-Big: " + new string('a', 100_000) + "\r\n" + string.Concat(Enumerable.Repeat(" more\r\n", 1000)) + "Subject: s\r\n";

        var headers = MailHeaders.Parse(raw);

        Assert.Equal(MailHeaders.MaxValueLength, headers.Get("X-Big")!.Length);
        Assert.Equal("s", headers.Get("Subject"));
    }

    [Fact]
    public void Get_Missing_ReturnsNullAndEmptyList()
    {
        var headers = MailHeaders.Parse("A: b");

        Assert.Null(headers.Get("C"));
        Assert.Empty(headers.GetAll("C"));
        Assert.False(headers.Contains("C"));
    }

    [Fact]
    public void FromFields_InvalidNamesAndLineBreaks_AreCleaned()
    {
        var headers = MailHeaders.FromFields([new MailHeader("Bad Name", "x"), new MailHeader("Auto-Submitted", "auto-\r\n replied")]);

        Assert.Single(headers.All);
        Assert.Equal("auto- replied", headers.Get("auto-submitted"));
    }
}
