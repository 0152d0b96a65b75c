using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessSupport.Bench.Intake;

/// <summary>
/// Counts every storage request the app sends (per retry: a retried request is two transactions), and by operation,
/// so a run shows which service and call its storage budget goes to.
/// </summary>
internal sealed class CountingPolicy(int blobPort, int queuePort, int tablePort) : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>A copy of the counts so far, by operation (<c>queue_put</c>, <c>table_batch</c>, …).</summary>
    public IReadOnlyDictionary<string, long> ByOperation => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref _count);
        _byOperation.AddOrUpdate(Operation(message.Request), 1, (_, n) => n + 1);
    }

    private string Operation(Request request)
    {
        var uri = request.Uri.ToUri();
        var method = request.Method.Method;
        if (uri.Port == queuePort)
        {
            return !uri.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal) && !uri.AbsolutePath.Contains("/messages/", StringComparison.Ordinal)
                ? "queue_admin_" + method.ToLowerInvariant()
                : method switch { "GET" => "queue_receive", "POST" => "queue_put", "DELETE" => "queue_delete", "PUT" => "queue_update", _ => "queue_" + method.ToLowerInvariant() };
        }

        if (uri.Port == tablePort)
        {
            return uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal)
                ? "table_batch"
                : method switch { "GET" => "table_read", "POST" => "table_insert", "DELETE" => "table_delete", _ => "table_update" };
        }

        var lease = uri.Query.Contains("comp=lease", StringComparison.Ordinal) ? "_lease" : string.Empty;
        return (uri.Port == blobPort ? "blob_" : "other_") + method.ToLowerInvariant() + lease;
    }
}
