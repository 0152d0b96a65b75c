using System.Net;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Standalone;

/// <summary>The standalone host running functions from their own attributes, without the Functions host.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StandaloneAppTests(AzuriteFixture fixture)
{
    private static readonly IReadOnlyList<FunctionEntry> TestFunctions = FunctionIndex.Scan(typeof(StandaloneAppTests).Assembly);

    private static IReadOnlyList<FunctionEntry> With(params string[] appFunctions) =>
        [.. TestFunctions, .. FunctionIndex.All.Where(f => appFunctions.Contains(f.Name))];

    [Fact]
    public async Task Standalone_QueueTimerAndHttpFunctions_RunFromTheirAttributes()
    {
        var recorder = new Recorder();
        var prefix = AzuriteFixture.UniqueName("s")[..10];
        await using var app = await TestApp.StartAsync(
            fixture.ConnectionString,
            services => services.AddSingleton(recorder),
            With("Health"),
            "Test__TickSchedule=* * * * * *",
            $"Storage__Prefix={prefix}",
            "Support__WebhookKeys=k1",
            $"AzureFunctionsWebHost__hostid={prefix}");

        // The listener creates its queue too, but on its own thread; create it here so the send cannot race it.
        var queue = fixture.Clients(prefix).Queue(RecordingFunctions.QueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("hello");

        await Eventually.TrueAsync(() => !recorder.Queue.IsEmpty, "the queue function ran");
        await Eventually.TrueAsync(() => !recorder.Timer.IsEmpty, "the per-second timer fired");
        var message = Assert.Single(recorder.Queue);
        Assert.Equal("hello", message.Body.ToString());
        Assert.Equal(1, message.DequeueCount);
        Assert.NotNull(recorder.Timer.First().ScheduleStatus);

        using var echo = await app.Client.GetAsync(new Uri("api/echo/ab/3?code=k1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
        Assert.Equal("ababab", await echo.Content.ReadAsStringAsync());
        using var noKey = await app.Client.GetAsync(new Uri("api/echo/ab/3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using var health = await app.Client.GetAsync(new Uri("api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var notAFunction = await app.Client.PostAsync(new Uri("ProcessInbound", UriKind.Relative), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, notAFunction.StatusCode);
    }

    [Fact]
    public async Task TwoInstances_SameHostId_FireEachTimerOccurrenceOnce()
    {
        var recorder = new Recorder();
        var prefix = AzuriteFixture.UniqueName("t")[..10];
        string[] settings = ["Test__TickSchedule=* * * * * *", $"Storage__Prefix={prefix}", $"AzureFunctionsWebHost__hostid={prefix}"];
        await using (var first = await TestApp.StartAsync(fixture.ConnectionString, services => services.AddSingleton(recorder), With(), settings))
        await using (var second = await TestApp.StartAsync(fixture.ConnectionString, services => services.AddSingleton(recorder), With(), settings))
        {
            await Eventually.TrueAsync(() => recorder.Timer.Count >= 4, "four per-second occurrences");
        }

        // Each firing's Next is the occurrence after it, so two firings of one occurrence share it.
        var nexts = recorder.Timer.Select(t => t.ScheduleStatus!.Next).ToList();
        Assert.Equal(nexts.Count, nexts.Distinct().Count());
    }

    [Fact]
    public async Task Standalone_AppTimers_RunThroughTheHostAndRecordTheirSchedule()
    {
        var prefix = AzuriteFixture.UniqueName("w")[..10];
        await using var app = await TestApp.StartAsync(
            fixture.ConnectionString,
            functions: With("FollowUpSweep", "EscalationSweep"),
            settings: ["Support__FollowUpSchedule=* * * * * *", "Support__EscalationSchedule=*/2 * * * * *", $"Storage__Prefix={prefix}", $"AzureFunctionsWebHost__hostid={prefix}"]);

        var container = fixture.Azurite.BlobService.GetBlobContainerClient("azure-webjobs-hosts");
        foreach (var function in new[] { "FollowUpSweep", "EscalationSweep" })
        {
            var status = container.GetBlobClient($"timers/{prefix}/{function}/status");
            await Eventually.TrueAsync(
                async () => await status.ExistsAsync() && !(await status.DownloadContentAsync()).Value.Content.ToString().Contains("\"Last\":\"0001-01-01", StringComparison.Ordinal),
                $"{function} ran and recorded its occurrence");
        }
    }
}
