using ServerlessSupport.Core.Tickets;
using static ServerlessSupport.Core.Tests.Sla.SlaTicketBuilder;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Clocks;

namespace ServerlessSupport.Core.Tests.Sla;

public sealed class PromisePlannerTests
{
    private static readonly DateTimeOffset Monday = Utc(2026, 1, 5, 9);
    private static readonly SlaTargetSpec High = ShippedPolicy.Target(Priority.High, TargetKind.FirstResponse);

    private static PaceSnapshot Pace(Priority priority, TimeSpan percentile, int samples) =>
        new(Monday, new Dictionary<Priority, PaceFigure> { [priority] = new(percentile, samples) });

    [Theory]
    [InlineData(20, 30)]
    [InlineData(46, 60)]
    [InlineData(61, 90)]
    [InlineData(125, 180)]
    [InlineData(7 * 60 + 5, 8 * 60)]
    [InlineData(8 * 60 + 1, 16 * 60)]
    [InlineData(17 * 60, 24 * 60)]
    public void RoundUp_ToQuartersHalfHoursHoursOrBusinessDays(int minutes, int expected) =>
        Assert.Equal(TimeSpan.FromMinutes(expected), PromisePlanner.RoundUp(TimeSpan.FromMinutes(minutes), TimeSpan.FromHours(8)));

    [Fact]
    public void For_TeamFasterThanTarget_PromisesTheTarget()
    {
        var promise = PromisePlanner.For(High, Priority.High, Monday, Pace(Priority.High, TimeSpan.FromHours(2), 40), RealisticPromisePolicy.Default);

        Assert.Null(promise.Slower);
        Assert.Equal((Utc(2026, 1, 5, 13), TimeSpan.FromHours(4)), (promise.By, promise.Within));
    }

    [Fact]
    public void For_TeamSlowerThanTarget_PromisesItsPaceRoundedToBusinessDays()
    {
        // p80 of high priority is 9h10m of business time: more than a business day, so two business days.
        var promise = PromisePlanner.For(High, Priority.High, Monday, Pace(Priority.High, new TimeSpan(9, 10, 0), 12), RealisticPromisePolicy.Default);

        Assert.NotNull(promise.Slower);
        Assert.Equal(TimeSpan.FromHours(16), promise.Within);
        Assert.Equal(Utc(2026, 1, 6, 17), promise.By);
        Assert.Equal((TimeSpan.FromHours(4), 80, 7, 12), (promise.Slower.Target, promise.Slower.Percentile, promise.Slower.WindowDays, promise.Slower.Samples));
    }

    [Fact]
    public void For_TooFewSamplesOtherPriorityOrDisabled_PromisesTheTarget()
    {
        var slow = TimeSpan.FromHours(30);

        Assert.Null(PromisePlanner.For(High, Priority.High, Monday, Pace(Priority.High, slow, 9), RealisticPromisePolicy.Default).Slower);
        Assert.Null(PromisePlanner.For(High, Priority.High, Monday, Pace(Priority.Low, slow, 50), RealisticPromisePolicy.Default).Slower);
        Assert.Null(PromisePlanner.For(High, Priority.High, Monday, Pace(Priority.High, slow, 50), RealisticPromisePolicy.Default with { Enabled = false }).Slower);
        Assert.Null(PromisePlanner.For(High, Priority.High, Monday, null, RealisticPromisePolicy.Default).Slower);
    }
}
