using System.Text;
using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class HtmlToTextTests
{
    [Fact]
    public void Convert_ScriptStyleHead_AreDropped()
    {
        var text = HtmlToText.Convert("<html><head><title>T</title><style>.a{}</style></head><body>Hi<script>evil()</script><noscript>x</noscript></body></html>");

        Assert.Equal("Hi", text);
    }

    [Fact]
    public void Convert_BlocksAndBreaks_BecomeNewlines()
    {
        var text = HtmlToText.Convert("<div>one</div><div>two<br>three</div><p>four</p><ul><li>a</li><li>b</li></ul>");

        Assert.Equal("one\ntwo\nthree\n\nfour\n\n- a\n- b", text);
    }

    [Fact]
    public void Convert_LinksKeepTextAndWhitespaceCollapses()
    {
        var text = HtmlToText.Convert("<p>Click   <a href=\"https://x.example/track\">here</a>\n\n now&nbsp;please</p>");

        Assert.Equal("Click here now please", text);
    }

    [Fact]
    public void Convert_Entities_AreDecoded()
        => Assert.Equal("Tom & Jerry <3 “quotes”", HtmlToText.Convert("Tom &amp; Jerry &lt;3 &ldquo;quotes&rdquo;"));

    [Fact]
    public void Convert_Pre_KeepsLayout()
        => Assert.Equal("a  b\n  c", HtmlToText.Convert("<pre>a  b\n  c</pre>"));

    [Fact]
    public void Convert_Blockquote_IsQuotedSoHistoryCanBeStripped()
    {
        var html = "<div>New answer</div><div class=\"gmail_quote\"><div>On Mon, 5 Jan 2026 at 10:00, Support &lt;s@x.example&gt; wrote:</div><blockquote>Old <br>text</blockquote></div>";

        var text = HtmlToText.Convert(html);

        Assert.Contains("> Old", text, StringComparison.Ordinal);
        Assert.Contains("> text", text, StringComparison.Ordinal);
        Assert.Equal("New answer", QuotedHistory.Strip(text));
    }

    [Theory]
    [InlineData(900)]
    [InlineData(200_000)]
    public void Convert_DeepNesting_StillGivesTheText(int depth)
    {
        var html = new StringBuilder();
        html.Insert(0, "<div>", depth).Append("deep &amp; <script>evil()</script>nested").Insert(html.Length, "</div>", depth);

        Assert.Equal("deep & nested", HtmlToText.Convert(html.ToString()));
    }

    [Fact]
    public void Convert_OversizedInput_IsCut()
    {
        var html = "<p>" + new string('a', HtmlToText.MaxInputLength + 1000) + "</p>";

        Assert.True(HtmlToText.Convert(html).Length <= HtmlToText.MaxInputLength);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<!-- only a comment -->")]
    [InlineData("<p></p><br>")]
    [InlineData("<html><body></body></html>")]
    public void Convert_EmptyOrBroken_ReturnsEmpty(string? html)
        => Assert.Equal(string.Empty, HtmlToText.Convert(html));
}
