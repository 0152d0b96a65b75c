using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class MessageIdsTests
{
    [Fact]
    public void Parse_References_ReturnsIdsInOrderWithoutBrackets()
    {
        var ids = MessageIds.Parse("<a@x.com> <b@x.com>\r\n <c@x.com>");

        Assert.Equal(["a@x.com", "b@x.com", "c@x.com"], ids);
    }

    [Fact]
    public void Parse_CommentsAndDuplicates_AreDropped()
    {
        var ids = MessageIds.Parse("<a@x.com> (the first one) <A@X.com> <b@x.com>");

        Assert.Equal(["a@x.com", "b@x.com"], ids);
    }

    [Fact]
    public void Parse_FoldedId_IsJoined()
        => Assert.Equal(["abc.def@host.example"], MessageIds.Parse("<abc.def@\r\n host.example>"));

    [Fact]
    public void Parse_BareIds_AreAccepted()
        => Assert.Equal(["a@x", "b@y"], MessageIds.Parse("a@x b@y notanid"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<>")]
    [InlineData("garbage")]
    public void Parse_Nothing_ReturnsEmpty(string? value)
        => Assert.Empty(MessageIds.Parse(value));

    [Fact]
    public void Parse_TooMany_KeepsTheNewest()
    {
        var ids = MessageIds.Parse(string.Join(' ', Enumerable.Range(0, 150).Select(i => $"<{i}@x>")));

        Assert.Equal(MessageIds.MaxIds, ids.Count);
        Assert.Equal("149@x", ids[^1]);
    }

    [Fact]
    public void Comparer_IgnoresCase()
        => Assert.True(MessageIds.Comparer.Equals("ABC@x.com", "abc@X.COM"));

    [Fact]
    public void Format_AddsBrackets()
        => Assert.Equal("<a@b>", MessageIds.Format("<a@b>"));
}
