using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessSupport.Bench.Intake;

/// <summary>Counts every storage request the app sends (per retry: a retried request is two transactions).</summary>
internal sealed class CountingPolicy : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
