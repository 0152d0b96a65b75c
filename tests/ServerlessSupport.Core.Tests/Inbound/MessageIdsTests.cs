using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

/// <summary>MimeKit parses the ids; these check the form the pipeline keeps them in.</summary>
public class MessageIdsTests
{
    [Fact]
    public void Parse_References_ReturnsIdsInOrderWithoutBracketsOrDuplicates()
    {
        var ids = MessageIds.Parse("<a@x.com> (the first one) <A@X.com>\r\n <b@x.com>");

        Assert.Equal(["a@x.com", "b@x.com"], ids);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<>")]
    public void Parse_Nothing_ReturnsEmpty(string? value)
        => Assert.Empty(MessageIds.Parse(value));

    [Fact]
    public void Distinct_TooMany_KeepsTheNewest()
    {
        var ids = MessageIds.Distinct(Enumerable.Range(0, 150).Select(i => $"<{i}@x>"));

        Assert.Equal(MessageIds.MaxIds, ids.Count);
        Assert.Equal("149@x", ids[^1]);
    }

    [Theory]
    [InlineData("<abc.def@\r\n host.example>", "abc.def@host.example")]
    [InlineData(" abc@x ", "abc@x")]
    [InlineData("<>", null)]
    public void Normalize_TrimsBracketsAndWhitespace(string id, string? expected)
        => Assert.Equal(expected, MessageIds.Normalize(id));

    [Fact]
    public void Comparer_IgnoresCase()
        => Assert.True(MessageIds.Comparer.Equals("ABC@x.com", "abc@X.COM"));

    [Fact]
    public void Format_AddsBrackets()
        => Assert.Equal("<a@b>", MessageIds.Format("<a@b>"));
}
