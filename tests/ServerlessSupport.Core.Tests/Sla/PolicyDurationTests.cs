using ServerlessSupport.Core.Sla.Policy;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class PolicyDurationTests
{
    [Theory]
    [InlineData("30m", 30, false)]
    [InlineData("8h", 480, false)]
    [InlineData("1h30m", 90, false)]
    [InlineData("2d", 2880, true)]
    [InlineData("1d4h", 1680, true)]
    [InlineData("90m", 90, false)]
    [InlineData("0m", 0, false)]
    public void TryParse_ValidText_GivesMinutes(string text, int minutes, bool usesDays)
    {
        Assert.True(PolicyDuration.TryParse(text, out var value, out var days));
        Assert.Equal(TimeSpan.FromMinutes(minutes), value);
        Assert.Equal(usesDays, days);
    }

    [Theory]
    [InlineData("")]
    [InlineData("8")]
    [InlineData("h")]
    [InlineData("8 h")]
    [InlineData("PT8H")]
    [InlineData("30m2h")]
    [InlineData("1h1h")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("8H")]
    [InlineData("2w")]
    [InlineData("99999999h")]
    public void TryParse_InvalidText_Fails(string text)
    {
        Assert.False(PolicyDuration.TryParse(text, out _, out _));
    }

    [Theory]
    [InlineData(90, true, "1h30m")]
    [InlineData(2880, true, "2d")]
    [InlineData(2880, false, "48h")]
    [InlineData(0, true, "0m")]
    [InlineData(1500, true, "1d1h")]
    public void Format_Minutes_GivesPolicyNotation(int minutes, bool useDays, string expected)
    {
        Assert.Equal(expected, PolicyDuration.Format(TimeSpan.FromMinutes(minutes), useDays));
    }
}
