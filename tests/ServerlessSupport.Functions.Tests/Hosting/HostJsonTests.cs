using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ServerlessSupport.Standalone;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Functions.Tests.Hosting;

public sealed class HostJsonTests
{
    [Fact]
    public void ReadQueueOptions_NoQueuesSection_UsesFunctionsDefaults()
    {
        var options = HostJson.ReadQueueOptions(new JsonObject { ["version"] = "2.0" });

        Assert.Equal(16, options.BatchSize);
        Assert.Equal(8, options.EffectiveNewBatchThreshold);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, options.VisibilityTimeout);
        Assert.Equal(5, options.MaxDequeueCount);
        Assert.Equal("base64", options.MessageEncoding);
    }

    [Fact]
    public void ReadQueueOptions_RepositoryHostJson_IsReadCaseInsensitively()
    {
        var options = HostJson.ReadQueueOptions(HostJson.Load(RepositoryRoot.Combine("host.json")));

        Assert.Equal(16, options.BatchSize);
        Assert.Equal(5, options.MaxDequeueCount);
        Assert.True(options.MaxPollingInterval > TimeSpan.Zero);

        var shouting = JsonNode.Parse("""{"Extensions":{"Queues":{"BatchSize":4,"MaxPollingInterval":"00:00:00.250","VisibilityTimeout":"00:00:07"}}}""")!.AsObject();
        var read = HostJson.ReadQueueOptions(shouting);
        Assert.Equal(4, read.BatchSize);
        Assert.Equal(2, read.EffectiveNewBatchThreshold);
        Assert.Equal(TimeSpan.FromMilliseconds(250), read.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(7), read.VisibilityTimeout);
    }

    [Fact]
    public void WithOverrides_AzureFunctionsJobHostSettings_WinOverHostJsonAsOnTheFunctionsHost()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01",
            ["AzureFunctionsJobHost:Extensions:Queues:MaxDequeueCount"] = "2",
            ["AzureFunctionsJobHost:logging:logLevel:default"] = "Warning",
        }).Build();

        var hostJson = HostJson.WithOverrides(HostJson.Load(RepositoryRoot.Combine("host.json")), settings);
        var options = HostJson.ReadQueueOptions(hostJson);

        Assert.Equal(TimeSpan.FromSeconds(1), options.VisibilityTimeout);
        Assert.Equal(2, options.MaxDequeueCount);
        Assert.Equal(16, options.BatchSize);
        Assert.Equal("Warning", hostJson["logging"]!["logLevel"]!["default"]!.GetValue<string>());
        Assert.Single(hostJson["extensions"]!.AsObject(), p => p.Key.Equals("queues", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("""{"extensions":{"queues":{"batchSize":33}}}""")]
    [InlineData("""{"extensions":{"queues":{"maxDequeueCount":0}}}""")]
    [InlineData("""{"extensions":{"queues":{"messageEncoding":"none"}}}""")]
    public void ReadQueueOptions_UnsupportedValue_Throws(string json)
    {
        Assert.Throws<InvalidOperationException>(() => HostJson.ReadQueueOptions(JsonNode.Parse(json)!.AsObject()));
    }
}
