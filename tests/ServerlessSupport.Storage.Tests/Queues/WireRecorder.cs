using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessSupport.Storage.Tests.Queues;

/// <summary>Keeps the raw request and response bodies that crossed the wire, to check what the service saw.</summary>
internal sealed class WireRecorder : HttpPipelinePolicy
{
    public ConcurrentQueue<(string Method, Uri Uri, string RequestBody, string ResponseBody)> Exchanges { get; } = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var requestBody = string.Empty;
        if (message.Request.Content is { } content)
        {
            using var buffer = new MemoryStream();
            await content.WriteToAsync(buffer, message.CancellationToken);
            requestBody = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        await ProcessNextAsync(message, pipeline);
        Exchanges.Enqueue((message.Request.Method.Method, message.Request.Uri.ToUri(), requestBody, message.Response.Content.ToString()));
    }
}
