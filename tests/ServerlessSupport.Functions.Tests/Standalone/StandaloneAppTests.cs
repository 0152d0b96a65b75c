using System.Net;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Standalone;

/// <summary>The whole app without FUNCTIONS_CUSTOMHANDLER_PORT: it runs its own triggers from the catalog.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StandaloneAppTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task Standalone_CatalogQueueAndTimer_RunWithoutTheFunctionsHost()
    {
        var queueName = AzuriteFixture.UniqueName("q");
        var recorder = new Recorder();
        var catalog = new FunctionCatalog(
        [
            FunctionDefinition.Http<ServerlessSupport.Functions.Health.HealthFunction>("Health", "health", ["GET"], FunctionAuthLevel.Anonymous),
            FunctionDefinition.Queue<RecordingQueueFunction>("Process", queueName),
            FunctionDefinition.Timer<RecordingTimerFunction>("Tick", "%Test__TickSchedule%", defaultSchedule: "0 0 0 1 1 *"),
        ]);

        await using var app = await TestApp.StartAsync(
            fixture.ConnectionString,
            customHandler: false,
            services =>
            {
                services.AddSingleton(catalog);
                services.AddSingleton(recorder);
            },
            "Test__TickSchedule=* * * * * *",
            $"AzureFunctionsWebHost__hostid={AzuriteFixture.UniqueName("host")}");

        // The listener creates its queue too, but on its own thread; create it here so the send cannot race it.
        var queue = fixture.Azurite.QueueService.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("hello");

        await Eventually.TrueAsync(() => !recorder.Queue.IsEmpty, "the queue function ran");
        await Eventually.TrueAsync(() => !recorder.Timer.IsEmpty, "the per-second timer fired");
        Assert.Equal("hello", Assert.Single(recorder.Queue).Text);
        using var health = await app.Client.GetAsync(new Uri("api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var invocation = await app.Client.PostAsync(new Uri("Process", UriKind.Relative), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, invocation.StatusCode);
    }
}
