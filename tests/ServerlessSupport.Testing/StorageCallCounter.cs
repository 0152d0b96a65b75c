using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace ServerlessSupport.Testing;

/// <summary>
/// Counts the requests an SDK client sends (each retry too, as storage bills them), for tests that pin how many storage
/// calls an operation costs. Add it to a client's options, or take a client from <see cref="TableService"/>.
/// </summary>
public sealed class StorageCallCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _calls = new();

    /// <summary>Each request as "METHOD /path", in order.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public int Count => _calls.Count;

    public void Reset() => _calls.Clear();

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _calls.Enqueue($"{message.Request.Method} {message.Request.Uri.Path}");
    }

    /// <summary>A table service client on <paramref name="azurite"/> whose requests this counter sees.</summary>
    public TableServiceClient TableService(AzuriteProcess azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(azurite.ConnectionString, options);
    }
}
