using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Tests.Inbound;

public class MailAddressParserTests
{
    [Fact]
    public void ParseList_MixedForms_ParsesEach()
    {
        var list = MailAddressParser.ParseList("\"Doe, Jane\" <jane@X.com>, bob@y.org (Bob), =?UTF-8?B?SsO8cmdlbg==?= <a@b.c>");

        Assert.Equal(3, list.Count);
        Assert.Equal(("jane@x.com", "Doe, Jane"), (list[0].Address, list[0].DisplayName));
        Assert.Equal(("bob@y.org", "Bob"), (list[1].Address, list[1].DisplayName));
        Assert.Equal(("a@b.c", "Jürgen"), (list[2].Address, list[2].DisplayName));
    }

    [Fact]
    public void ParseList_Groups_YieldMembersOnly()
    {
        var list = MailAddressParser.ParseList("undisclosed-recipients:;, Team: ann@x.com, \"B\" <b@x.com>;, c@x.com");

        Assert.Equal(["ann@x.com", "b@x.com", "c@x.com"], list.Select(a => a.Address));
    }

    [Fact]
    public void ParseList_EmptyGroup_YieldsNothing()
        => Assert.Empty(MailAddressParser.ParseList("undisclosed-recipients:;"));

    [Fact]
    public void ParseList_UnquotedDisplayName_IsKept()
    {
        var address = Assert.Single(MailAddressParser.ParseList("Jane Q. Doe <jane@example.com>"));

        Assert.Equal("Jane Q. Doe", address.DisplayName);
    }

    [Fact]
    public void ParseList_CommentsAndRoutes_AreIgnored()
    {
        var list = MailAddressParser.ParseList("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>, <@relay.test:joe@where.test>");

        Assert.Equal(["pete@silly.test", "joe@where.test"], list.Select(a => a.Address));
        Assert.Equal("Pete", list[0].DisplayName);
    }

    [Fact]
    public void ParseList_QuotedEncodedWord_IsDecodedLeniently()
    {
        var address = Assert.Single(MailAddressParser.ParseList("\"=?utf-8?Q?Ren=C3=A9?=\" <rene@x.fr>"));

        Assert.Equal("René", address.DisplayName);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("<>")]
    [InlineData("@example.com")]
    [InlineData("jane@")]
    [InlineData("jane@exa mple.com")]
    [InlineData("jane..doe@example.com")]
    [InlineData("\"unterminated <a@b.c>")]
    [InlineData("")]
    public void ParseList_Junk_IsSkipped(string value)
        => Assert.Empty(MailAddressParser.ParseList(value));

    [Fact]
    public void ParseList_JunkBetweenValidEntries_KeepsValidOnes()
    {
        var list = MailAddressParser.ParseList("garbage, , ok@x.com,,<broken, other@y.com");

        Assert.Contains(list, a => a.Address == "ok@x.com");
        Assert.Equal("ok@x.com", list[0].Address);
    }

    [Fact]
    public void ParseList_DuplicateAddressDifferentCase_KeptOnce()
        => Assert.Single(MailAddressParser.ParseList("a@X.com, A@x.COM"));

    [Fact]
    public void EmailAddress_Equality_IgnoresCaseAndDisplayName()
    {
        Assert.Equal(new EmailAddress("Jane@Example.com", "Jane"), new EmailAddress("jane@example.COM"));
        Assert.Equal("Jane@example.com", new EmailAddress("Jane@EXAMPLE.com").Address);
    }

    [Fact]
    public void EmailAddress_Invalid_Throws()
        => Assert.Throws<ArgumentException>(() => new EmailAddress("nope"));
}
