using Microsoft.Extensions.Configuration;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Tests.Hosting;

public sealed class FunctionCatalogTests
{
    [Fact]
    public void Default_DeclaresThePipelineFunctionsWithTheirTriggers()
    {
        var catalog = FunctionCatalog.Default;

        Assert.Subset(
            catalog.Functions.Select(f => f.Name).ToHashSet(),
            new HashSet<string> { "Health", "InboundEmail", "ProcessInbound", "DispatchEmail", "FollowUpSweep", "EscalationSweep" });
        Assert.Equal("/api/health", Assert.IsType<HttpFunctionTrigger>(catalog.Find("Health")!.Trigger).Path);
        Assert.Equal(FunctionAuthLevel.Function, Assert.IsType<HttpFunctionTrigger>(catalog.Find("InboundEmail")!.Trigger).AuthLevel);
        Assert.Equal("inbound", Assert.IsType<QueueFunctionTrigger>(catalog.Find("ProcessInbound")!.Trigger).QueueName);
        Assert.Equal("outbound-poison", Assert.IsType<QueueFunctionTrigger>(catalog.Find("DispatchEmail")!.Trigger).PoisonQueueName);
        Assert.Equal("Support__FollowUpSchedule", Assert.IsType<TimerFunctionTrigger>(catalog.Find("followupsweep")!.Trigger).SettingName);
        Assert.Equal("Support__EscalationSchedule", Assert.IsType<TimerFunctionTrigger>(catalog.Find("EscalationSweep")!.Trigger).SettingName);
    }

    [Fact]
    public void Constructor_DuplicateName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FunctionCatalog(
        [
            FunctionDefinition.Queue<RecordingQueueFunction>("Same", "a-queue"),
            FunctionDefinition.Queue<RecordingQueueFunction>("same", "b-queue"),
        ]));
    }

    [Theory]
    [InlineData("Bad_Queue")]
    [InlineData("a--b")]
    public void Constructor_IllegalQueueName_Throws(string queue)
    {
        Assert.Throws<ArgumentException>(() => new FunctionCatalog([FunctionDefinition.Queue<RecordingQueueFunction>("Q", queue)]));
    }

    [Fact]
    public void Constructor_FiveFieldCron_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FunctionCatalog([FunctionDefinition.Timer<RecordingTimerFunction>("T", "* * * * *")]));
    }

    [Fact]
    public void Constructor_HandlerOfWrongKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FunctionCatalog([new FunctionDefinition("Q", new QueueFunctionTrigger("q-queue", "message"), typeof(RecordingTimerFunction))]));
    }

    [Fact]
    public void ResolveSchedule_SettingReference_ReadsSettingElseDefault()
    {
        var trigger = Assert.IsType<TimerFunctionTrigger>(FunctionCatalog.Default.Find("FollowUpSweep")!.Trigger);
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Support:FollowUpSchedule"] = "*/10 * * * * *" }).Build();
        var empty = new ConfigurationBuilder().Build();

        Assert.Equal("*/10 * * * * *", TimerScheduleResolver.Resolve(trigger, configured).Expression);
        Assert.Equal("0 * * * * *", TimerScheduleResolver.Resolve(trigger, empty).Expression);
    }

    [Fact]
    public void CronSchedule_SixFields_NextOccurrenceIsUtcAndStrictlyAfter()
    {
        var schedule = CronSchedule.Parse("*/15 * * * * *");
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 15, TimeSpan.Zero);

        Assert.Equal(at.AddSeconds(15), schedule.GetNextOccurrence(at));
        Assert.Equal(TimeSpan.Zero, schedule.GetNextOccurrence(at).Offset);
        Assert.False(CronSchedule.TryParse("0 * * * *", out _));
    }
}
