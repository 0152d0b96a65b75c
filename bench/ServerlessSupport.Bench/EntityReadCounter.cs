using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessSupport.Bench;

/// <summary>
/// Counts the entities the Table service returns (query pages and point reads) on the pipeline it is added to, so the
/// benchmark measures reads the way the service bills them, whatever code issued the request.
/// </summary>
internal sealed class EntityReadCounter : HttpPipelinePolicy
{
    private long _entities;
    private long _requests;

    public long Entities => Interlocked.Read(ref _entities);

    public long Requests => Interlocked.Read(ref _requests);

    public void Reset()
    {
        Interlocked.Exchange(ref _entities, 0);
        Interlocked.Exchange(ref _requests, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        if (message.Request.Method != RequestMethod.Get || !message.HasResponse || message.Response.Status != 200 || message.Response.Content is null)
        {
            return;
        }

        using var doc = JsonDocument.Parse(message.Response.Content.ToMemory());
        var count = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.GetArrayLength()
            : doc.RootElement.TryGetProperty("PartitionKey", out _) ? 1 : 0;
        Interlocked.Add(ref _entities, count);
    }
}
