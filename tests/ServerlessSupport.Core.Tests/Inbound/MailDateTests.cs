using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class MailDateTests
{
    [Theory]
    [InlineData("Mon, 5 Jan 2026 10:00:00 +0100", "2026-01-05T10:00:00+01:00")]
    [InlineData("5 Jan 2026 10:00 -0500 (EST)", "2026-01-05T10:00:00-05:00")]
    [InlineData("Tue, 06 Jan 26 23:59:59 GMT", "2026-01-06T23:59:59+00:00")]
    [InlineData("Fri, 21 Nov 1997 09:55:06 PST", "1997-11-21T09:55:06-08:00")]
    [InlineData("2026-01-05T10:00:00Z", "2026-01-05T10:00:00+00:00")]
    public void TryParse_ValidDates_Parse(string value, string expected)
    {
        Assert.True(MailDate.TryParse(value, out var date));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
        Assert.Equal(TimeSpan.Parse(expected[^6..].TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture), date.Offset);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("32 Jan 2026 10:00:00 +0000")]
    [InlineData("")]
    public void TryParse_Invalid_ReturnsFalse(string value)
        => Assert.False(MailDate.TryParse(value, out _));
}
