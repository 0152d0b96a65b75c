using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Inbound;

public class TicketTokenTests
{
    private static readonly TicketId Id = TicketId.Parse("K7M2QX9P");

    [Fact]
    public void Format_WritesBracketHashId()
        => Assert.Equal("[#K7M2QX9P]", TicketToken.Format(Id));

    [Theory]
    [InlineData("Re: [#K7M2QX9P] Printer on fire")]
    [InlineData("Re: Printer on fire [#k7m2qx9p]")]
    [InlineData("AW: [#123] order [#K7M2QX9P]")]
    [InlineData("[#AAAAAAAA] old ticket, new [#K7M2QX9P]")]
    [InlineData("[#K7M2QX9P] then [#12345678Z]")]
    public void FindInSubject_LastValidTokenWins(string subject)
        => Assert.Equal(Id, TicketToken.FindInSubject(subject));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Order [#123]")]
    [InlineData("[#K7M2QXIP]")]
    [InlineData("[#K7M2QX9P")]
    [InlineData("[# K7M2QX9P]")]
    [InlineData("K7M2QX9P")]
    public void FindInSubject_NoValidToken_ReturnsNull(string? subject)
        => Assert.Null(TicketToken.FindInSubject(subject));

    [Theory]
    [InlineData("support+K7M2QX9P@example.com")]
    [InlineData("Support+k7m2qx9p@EXAMPLE.com")]
    public void FromPlusAddress_PlusAddressOfSupport_ReturnsId(string address)
        => Assert.Equal(Id, TicketToken.FromPlusAddress(address, "support@example.com"));

    [Theory]
    [InlineData("support@example.com")]
    [InlineData("support+@example.com")]
    [InlineData("support+K7M2QX9P@other.com")]
    [InlineData("sales+K7M2QX9P@example.com")]
    [InlineData("supportx+K7M2QX9P@example.com")]
    [InlineData("support+NOTANID!@example.com")]
    [InlineData("")]
    public void FromPlusAddress_Other_ReturnsNull(string address)
        => Assert.Null(TicketToken.FromPlusAddress(address, "support@example.com"));

    [Theory]
    [InlineData("support@example.com", true)]
    [InlineData("SUPPORT+anything@Example.com", true)]
    [InlineData("Help <support@example.com>", true)]
    [InlineData("support@example.org", false)]
    [InlineData("jane@example.com", false)]
    public void IsSupportAddress_MatchesAddressAndPlusAddresses(string address, bool expected)
    {
        Assert.Equal(expected, TicketToken.IsSupportAddress(address, "support@example.com"));
        Assert.Equal(expected, TicketToken.IsSupportAddress(address, "Help Desk <support@example.com>"));
    }

    [Fact]
    public void PlusAddress_RoundTrips()
    {
        var address = TicketToken.PlusAddress(Id, "support@example.com");

        Assert.Equal("support+K7M2QX9P@example.com", address);
        Assert.Equal(Id, TicketToken.FromPlusAddress(address, "support@example.com"));
    }

    [Fact]
    public void Format_RoundTripsThroughFindInSubject()
    {
        var id = TicketId.New();

        Assert.Equal(id, TicketToken.FindInSubject("Re: " + TicketToken.Format(id) + " hello"));
    }
}
