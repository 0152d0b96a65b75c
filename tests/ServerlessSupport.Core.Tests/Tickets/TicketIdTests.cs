using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Tickets;

public class TicketIdTests
{
    [Fact]
    public void New_ProducesEightCrockfordCharacters()
    {
        for (var i = 0; i < 1000; i++)
        {
            var id = TicketId.New().ToString();

            Assert.Equal(TicketId.Length, id.Length);
            Assert.All(id, c => Assert.Contains(c, TicketId.Alphabet));
            Assert.DoesNotContain(id, c => c is 'I' or 'L' or 'O' or 'U');
        }
    }

    [Fact]
    public void New_IsRandom()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => TicketId.New()).ToHashSet();

        Assert.Equal(10_000, ids.Count);
    }

    [Fact]
    public void New_UsesTheWholeAlphabet()
    {
        var seen = Enumerable.Range(0, 2000).SelectMany(_ => TicketId.New().Value).ToHashSet();

        Assert.Equal(TicketId.Alphabet.Length, seen.Count);
    }

    [Theory]
    [InlineData("K7M2QX9P", "K7M2QX9P")]
    [InlineData("k7m2qx9p", "K7M2QX9P")]
    public void TryParse_Valid_IsCaseInsensitive(string text, string expected)
    {
        Assert.True(TicketId.TryParse(text, out var id));
        Assert.Equal(expected, id.ToString());
        Assert.Equal(TicketId.Parse(expected), id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7M2QX9")]
    [InlineData("K7M2QX9PZ")]
    [InlineData("K7M2QXIP")]
    [InlineData("K7M2QXLP")]
    [InlineData("K7M2QXOP")]
    [InlineData("K7M2QXUP")]
    [InlineData("K7M2-X9P")]
    [InlineData(" K7M2QX9")]
    public void TryParse_Invalid_ReturnsFalse(string? text)
        => Assert.False(TicketId.TryParse(text, out _));

    [Fact]
    public void Parse_Invalid_Throws()
        => Assert.Throws<FormatException>(() => TicketId.Parse("nope"));

    [Fact]
    public void Default_IsEmpty()
    {
        Assert.True(default(TicketId).IsEmpty);
        Assert.Equal(string.Empty, default(TicketId).ToString());
    }
}
