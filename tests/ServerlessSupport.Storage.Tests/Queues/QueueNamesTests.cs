using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Queues;

namespace ServerlessSupport.Storage.Tests.Queues;

public sealed class QueueNamesTests
{
    private static readonly HttpPipeline Pipeline = HttpPipelineBuilder.Build(new Http.FakeHandler().Options());

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("under_score")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("double--hyphen")]
    [InlineData("dots.not.allowed")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Constructor_IllegalName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => new StorageQueueClient(Pipeline, new Uri("https://a.queue.core.windows.net/"), name));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("inbound-mail-2")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Constructor_LegalName_KeepsIt(string name)
    {
        Assert.Equal(name, new StorageQueueClient(Pipeline, new Uri("https://a.queue.core.windows.net/"), name).Name);
    }
}
