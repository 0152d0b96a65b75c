using System.Text.Json.Nodes;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Hosting;

public sealed class FunctionAppWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("functionapp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_DefaultCatalog_WritesHostJsonAndOneFunctionJsonPerFunction()
    {
        FunctionAppWriter.Write(FunctionCatalog.Default, RootHostJson(), _dir);

        Assert.True(File.Exists(Path.Combine(_dir, "host.json")));
        var folders = Directory.GetDirectories(_dir).Select(d => Path.GetFileName(d)).Order().ToArray();
        Assert.Equal(FunctionCatalog.Default.Functions.Select(f => f.Name).Order(StringComparer.Ordinal), folders);
        Assert.Subset(folders.ToHashSet(), new HashSet<string> { "DispatchEmail", "EscalationSweep", "FollowUpSweep", "Health", "InboundEmail", "ProcessInbound" });
    }

    [Theory]
    [InlineData("ProcessInbound", "inbound")]
    [InlineData("DispatchEmail", "outbound")]
    public void Write_QueueFunction_HasQueueTriggerOnStorageConnection(string function, string queue)
    {
        var binding = SingleBinding(function);

        Assert.Equal("queueTrigger", (string?)binding["type"]);
        Assert.Equal("in", (string?)binding["direction"]);
        Assert.Equal("message", (string?)binding["name"]);
        Assert.Equal(queue, (string?)binding["queueName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)binding["connection"]);
    }

    [Theory]
    [InlineData("FollowUpSweep", "%Support__FollowUpSchedule%")]
    [InlineData("EscalationSweep", "%Support__EscalationSchedule%")]
    public void Write_TimerFunction_KeepsSettingReferenceAndUsesMonitor(string function, string schedule)
    {
        var binding = SingleBinding(function);

        Assert.Equal("timerTrigger", (string?)binding["type"]);
        Assert.Equal("in", (string?)binding["direction"]);
        Assert.Equal("timer", (string?)binding["name"]);
        Assert.Equal(schedule, (string?)binding["schedule"]);
        Assert.True((bool?)binding["useMonitor"]);
    }

    [Theory]
    [InlineData("Health", "anonymous", "get", "health")]
    [InlineData("InboundEmail", "function", "post", "inbound/{kind}")]
    public void Write_HttpFunction_HasHttpTriggerAndHttpOutput(string function, string authLevel, string method, string route)
    {
        var bindings = Bindings(function);

        Assert.Equal(2, bindings.Count);
        var trigger = bindings[0]!;
        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal("in", (string?)trigger["direction"]);
        Assert.Equal("req", (string?)trigger["name"]);
        Assert.Equal(authLevel, (string?)trigger["authLevel"]);
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal(route, (string?)trigger["route"]);
        var output = bindings[1]!;
        Assert.Equal("http", (string?)output["type"]);
        Assert.Equal("out", (string?)output["direction"]);
        Assert.Equal("res", (string?)output["name"]);
    }

    [Fact]
    public void Write_HostJson_HasCustomHandlerProxyingBundleAndQueueSettings()
    {
        FunctionAppWriter.Write(FunctionCatalog.Default, RootHostJson(), _dir);
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "host.json")))!;

        Assert.Equal("2.0", (string?)host["version"]);
        var description = host["customHandler"]!["description"]!;
        Assert.Equal("ServerlessSupport.Functions", (string?)description["defaultExecutablePath"]);
        Assert.NotNull(description["workingDirectory"]);
        Assert.Empty(description["arguments"]!.AsArray());
        Assert.True((bool?)host["customHandler"]!["enableProxyingHttpRequest"]);
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)host["extensionBundle"]!["id"]);
        Assert.Equal("[4.*, 5.0.0)", (string?)host["extensionBundle"]!["version"]);
        Assert.Equal("api", (string?)host["extensions"]!["http"]!["routePrefix"]);
        var queues = host["extensions"]!["queues"]!;
        Assert.Equal(5, (int?)queues["maxDequeueCount"]);
        Assert.Equal("base64", (string?)queues["messageEncoding"]);
        Assert.NotNull(queues["maxPollingInterval"]);
        Assert.NotNull(queues["visibilityTimeout"]);
        Assert.NotNull(queues["batchSize"]);
    }

    [Fact]
    public void TryRun_NotTheWriterCommand_ReturnsNullSoTheAppRuns()
    {
        Assert.Null(FunctionAppWriter.TryRun([], TextWriter.Null));
        Assert.Null(FunctionAppWriter.TryRun(["--urls", "http://127.0.0.1:0"], TextWriter.Null));
        Assert.Equal(2, FunctionAppWriter.TryRun(["write-function-app"], TextWriter.Null));
    }

    private static JsonObject RootHostJson() => HostJson.Load(RepositoryRoot.Combine("host.json"));

    private JsonArray Bindings(string function)
    {
        if (!File.Exists(Path.Combine(_dir, "host.json")))
        {
            FunctionAppWriter.Write(FunctionCatalog.Default, RootHostJson(), _dir);
        }

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, function, "function.json")))!;
        return json["bindings"]!.AsArray();
    }

    private JsonNode SingleBinding(string function) => Assert.Single(Bindings(function))!;
}
