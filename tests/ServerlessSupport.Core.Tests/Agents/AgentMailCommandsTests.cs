using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Agents;

public sealed class AgentMailCommandsTests
{
    [Fact]
    public void Parse_NoCommandLine_IsAllText()
    {
        var parsed = AgentMailCommands.Parse("Unplug it.\nThen plug it back.", "alice");

        Assert.Equal(("Unplug it.\nThen plug it back.", false, null), (parsed.Text, parsed.Note, parsed.Error));
    }

    [Fact]
    public void Parse_SeveralCommandsOnTheFirstLine_AllTakenAndTheRestIsText()
    {
        var parsed = AgentMailCommands.Parse("#solve #priority low #assign me\nFixed in 2.3.", "alice");

        Assert.Equal((TicketStatus.Solved, Priority.Low, "alice", "Fixed in 2.3.", (string?)null), (parsed.Status, parsed.Priority, parsed.Assignee, parsed.Text, parsed.Error));
    }

    [Theory]
    [InlineData("#note\nCalled them.", true, "")]
    [InlineData("#pending\nCould you send the log?", false, "PendingCustomer")]
    [InlineData("#assign bob", false, "")]
    public void Parse_Commands_AreRecognised(string text, bool note, string status)
    {
        var parsed = AgentMailCommands.Parse(text, "alice");

        Assert.Null(parsed.Error);
        Assert.Equal((note, status), (parsed.Note, parsed.Status?.ToString() ?? string.Empty));
    }

    [Theory]
    [InlineData("#close\nDone.", "'#close' is not a command")]
    [InlineData("#priority critical", "#priority needs one of low, normal, high, urgent, not 'critical'")]
    [InlineData("#priority 7", "#priority needs one of low, normal, high, urgent, not '7'")]
    [InlineData("#assign", "#assign needs a name, or me")]
    public void Parse_UnknownOrIncomplete_IsAnErrorNotAGuess(string text, string error)
    {
        var parsed = AgentMailCommands.Parse(text, "alice");

        Assert.StartsWith(error, parsed.Error, StringComparison.Ordinal);
        Assert.Null(parsed.Status);
    }

    [Theory]
    [InlineData("pass", "agent@shop.example", null, true)]
    [InlineData("pass", "bounce@mailer.example", null, false)]
    [InlineData("fail", "agent@shop.example", "{@shop.example : pass}", true)]
    [InlineData("fail", "agent@shop.example", "{@other.example : pass}", false)]
    [InlineData("softfail", "agent@shop.example", "{@shop.example : fail}", false)]
    [InlineData(null, null, null, false)]
    public void SenderAuthentication_AlignedWithTheFromDomain_Passes(string? spf, string? envelopeFrom, string? dkim, bool passes)
    {
        var email = new InboundEmail { From = new EmailAddress("agent@shop.example", "Agent"), Spf = spf, EnvelopeFrom = envelopeFrom, Dkim = dkim };

        Assert.Equal(passes, SenderAuthentication.Passes(email));
    }
}
