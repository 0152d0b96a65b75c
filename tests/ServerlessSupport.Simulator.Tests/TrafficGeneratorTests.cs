using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Simulator.Traffic;

namespace ServerlessSupport.Simulator.Tests;

public sealed class TrafficGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_SameTrafficWithExactCountInsideTheWindow()
    {
        var options = GeneratorOptions.Default with { Tickets = 500 };

        var first = TrafficGenerator.Generate(options, 3);
        var second = TrafficGenerator.Generate(options, 3);

        Assert.Equal(500, first.Count);
        Assert.Equal(first.Select(t => (t.ArrivalAt, t.Priority, t.Rounds.Count)), second.Select(t => (t.ArrivalAt, t.Priority, t.Rounds.Count)));
        Assert.All(first, t => Assert.InRange(t.ArrivalAt, options.Start, options.Start.AddDays(options.Days)));
        Assert.Equal(first.OrderBy(t => t.ArrivalAt).Select(t => t.Index), first.Select(t => t.Index));
    }

    [Fact]
    public void Generate_WeekendWeightZeroAndOnlyUrgent_NoWeekendArrivalsAllUrgent()
    {
        var options = GeneratorOptions.Default with
        {
            Tickets = 300,
            WeekdayWeights = [1, 1, 1, 1, 1, 0, 0],
            Mix = new Dictionary<Priority, double> { [Priority.Urgent] = 1 },
        };

        var traffic = TrafficGenerator.Generate(options, 11);

        Assert.DoesNotContain(traffic, t => t.ArrivalAt.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.All(traffic, t => Assert.Equal(Priority.Urgent, t.Priority));
    }

    [Fact]
    public void Generate_NoQuestions_EveryTicketOneRoundThatSolves()
    {
        var traffic = TrafficGenerator.Generate(GeneratorOptions.Default with { Tickets = 50, AskShare = 0 }, 5);

        Assert.All(traffic, t => Assert.False(Assert.Single(t.Rounds).AskCustomer));
    }

    [Theory]
    [InlineData("fixed:20m", 20, 20)]
    [InlineData("uniform:10m..40m", 10, 40)]
    [InlineData("exp:1h", 0, 24 * 60)]
    [InlineData("lognormal:20m:0.5", 1, 24 * 60)]
    public void Distribution_Parse_SamplesInRange(string text, double minMinutes, double maxMinutes)
    {
        var distribution = Distribution.Parse(text);
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 200).Select(_ => distribution.Sample(random).TotalMinutes), m => Assert.InRange(m, minMinutes, maxMinutes));
    }

    [Theory]
    [InlineData("normal:20m")]
    [InlineData("fixed:20")]
    [InlineData("uniform:40m..10m")]
    public void Distribution_Parse_NotADistribution_FormatExceptionNamingTheForms(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Distribution.Parse(text));
        Assert.Contains("lognormal:20m:0.6", ex.Message, StringComparison.Ordinal);
    }
}
