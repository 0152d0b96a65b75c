using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Agents;

public sealed class ReplyAddressesTests
{
    private static readonly SupportIdentity Support = new("support@example.test", "Example Support");
    private static readonly TicketId Ticket = TicketId.Parse("K7M2QX9P");

    private static ReplyAddresses With(string keys) => new(new ReplyAddressKeys(keys), Support);

    [Fact]
    public void For_ThenRead_NamesTheTicketAndTheAgent()
    {
        var addresses = With("1:first-secret-0123456789");

        var address = addresses.For(Ticket, "A3B4C5D6")!;
        var check = addresses.Read([address]);

        Assert.Matches("^support\\+R1K7M2QX9PA3B4C5D6[0-9A-Z]{10}@example\\.test$", address);
        Assert.Equal((ReplyTokenState.Valid, Ticket, "A3B4C5D6"), (check.State, check.Ticket, check.AgentId));
    }

    [Fact]
    public void Read_LowerCasedByARelay_StillValid()
    {
        var addresses = With("1:first-secret-0123456789");

        var check = addresses.Read([addresses.For(Ticket, "A3B4C5D6")!.ToLowerInvariant()]);

        Assert.Equal(ReplyTokenState.Valid, check.State);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    public void Read_OneCharacterChanged_IsInvalid(int position)
    {
        var addresses = With("1:first-secret-0123456789");
        var address = addresses.For(Ticket, "A3B4C5D6")!.ToCharArray();
        address[position] = address[position] == 'Z' ? 'Y' : 'Z';

        var check = addresses.Read([new string(address)]);

        Assert.Equal(ReplyTokenState.Invalid, check.State);
        Assert.NotNull(check.Problem);
    }

    [Fact]
    public void Read_AfterRotation_OldAddressesStillVerifyUntilTheirKeyIsRemoved()
    {
        var old = With("1:first-secret-0123456789").For(Ticket, "A3B4C5D6")!;

        var rotated = With("2:second-secret-0123456789,1:first-secret-0123456789");
        var removed = With("2:second-secret-0123456789");

        Assert.Equal(ReplyTokenState.Valid, rotated.Read([old]).State);
        Assert.StartsWith("support+R2", rotated.For(Ticket, "A3B4C5D6"), StringComparison.Ordinal);
        Assert.Equal(ReplyTokenState.Invalid, removed.Read([old]).State);
    }

    [Fact]
    public void Read_PlainOrTicketPlusAddressOrAnotherDomain_IsNone()
    {
        var addresses = With("1:first-secret-0123456789");
        var foreign = addresses.For(Ticket, "A3B4C5D6")!.Replace("example.test", "example.org", StringComparison.Ordinal);

        Assert.Equal(ReplyTokenState.None, addresses.Read(["support@example.test", "support+K7M2QX9P@example.test", "support+R7M2QX9P@example.test", foreign]).State);
    }

    [Fact]
    public void For_NoKeys_IsNull()
    {
        Assert.Null(With("").For(Ticket, "A3B4C5D6"));
        Assert.False(With("").Enabled);
    }

    [Theory]
    [InlineData("1:short")]
    [InlineData("I:first-secret-0123456789")]
    [InlineData("1:first-secret-0123456789,1:second-secret-0123456789")]
    [InlineData("nocolon-0123456789")]
    public void ReplyAddressKeys_BadSetting_Throws(string setting) =>
        Assert.Throws<ArgumentException>(() => new ReplyAddressKeys(setting));
}
