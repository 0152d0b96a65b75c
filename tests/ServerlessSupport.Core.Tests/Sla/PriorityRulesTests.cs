using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class PriorityRulesTests
{
    private static readonly PriorityRules Rules = new(
        [
            new PriorityRule(Priority.Urgent, ["outage", "production down"], [], []),
            new PriorityRule(Priority.High, [], ["key-account.example"], []),
            new PriorityRule(Priority.High, [], [], ["ceo@partner.example"]),
            new PriorityRule(Priority.Low, ["invoice"], ["billing.example"], []),
        ],
        Priority.Normal);

    [Theory]
    [InlineData("Outage in EU", "", "a@b.example", "Urgent")]
    [InlineData("Help", "Our PRODUCTION\r\n  down since 9", "a@b.example", "Urgent")]
    [InlineData("Help", "site is (outage)!", "a@b.example", "Urgent")]
    [InlineData("Planned outages list", "", "a@b.example", "Normal")]
    [InlineData("Breakoutage", "", "a@b.example", "Normal")]
    [InlineData("Question", "", "jo@key-account.example", "High")]
    [InlineData("Question", "", "jo@eu.key-account.example", "High")]
    [InlineData("Question", "", "jo@notkey-account.example", "Normal")]
    [InlineData("Question", "", "CEO@Partner.Example", "High")]
    [InlineData("Question", "", "<ceo@partner.example>", "High")]
    [InlineData("Invoice copy", "", "ap@billing.example", "Low")]
    [InlineData("Invoice copy", "", "ap@elsewhere.example", "Normal")]
    [InlineData("Outage", "", "jo@key-account.example", "Urgent")]
    [InlineData("", "", "", "Normal")]
    public void Evaluate_Message_FirstMatchingRuleWinsElseDefault(string subject, string body, string from, string expected)
    {
        Assert.Equal(Enum.Parse<Priority>(expected), Rules.Evaluate(subject, body, from));
    }

    [Fact]
    public void Evaluate_NullInputs_GivesDefault()
    {
        Assert.Equal(Priority.Normal, Rules.Evaluate(null, null, null));
    }

    [Fact]
    public void Constructor_NoConditions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PriorityRule(Priority.High, [], [], []));
    }

    [Fact]
    public void Raised_StepsUpAndStopsAtUrgent()
    {
        Assert.Equal(Priority.Normal, Priority.Low.Raised());
        Assert.Equal(Priority.Urgent, Priority.High.Raised());
        Assert.Equal(Priority.Urgent, Priority.Urgent.Raised());
    }
}
