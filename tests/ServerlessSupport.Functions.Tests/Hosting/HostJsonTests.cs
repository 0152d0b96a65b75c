using System.Text.Json.Nodes;
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

    [Theory]
    [InlineData("""{"extensions":{"queues":{"batchSize":33}}}""")]
    [InlineData("""{"extensions":{"queues":{"maxDequeueCount":0}}}""")]
    [InlineData("""{"extensions":{"queues":{"messageEncoding":"none"}}}""")]
    public void ReadQueueOptions_UnsupportedValue_Throws(string json)
    {
        Assert.Throws<InvalidOperationException>(() => HostJson.ReadQueueOptions(JsonNode.Parse(json)!.AsObject()));
    }
}
