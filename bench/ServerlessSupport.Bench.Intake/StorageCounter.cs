using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Testing;
using Yarp.ReverseProxy.Forwarder;

namespace ServerlessSupport.Bench.Intake;

/// <summary>
/// Stands in front of Azurite's three services on ports of its own and counts every storage request that passes, by
/// operation (<c>queue_put</c>, <c>table_batch</c>, …): the app's processes talk to storage only through it, so the
/// count holds whatever host runs the app, the host's own traffic (queue polls, leases) included. A retried request is
/// two transactions, as Azure bills it. Forwarding is YARP's; requests go on unchanged (their signatures still hold).
/// </summary>
internal sealed class StorageCounter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private long _count;

    private StorageCounter(WebApplication app, int blobPort, int queuePort, int tablePort)
    {
        _app = app;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>A connection string for the app: Azurite's account, through this counter.</summary>
    public string ConnectionString => AzuriteProcess.ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public long Count => Interlocked.Read(ref _count);

    /// <summary>A copy of the counts so far, by operation.</summary>
    public IReadOnlyDictionary<string, long> ByOperation => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    public static async Task<StorageCounter> StartAsync(AzuriteProcess azurite)
    {
        var (blob, queue, table) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var targets = new Dictionary<int, (string Service, string Destination)>
        {
            [blob] = ("blob", $"http://127.0.0.1:{azurite.BlobPort}/"),
            [queue] = ("queue", $"http://127.0.0.1:{azurite.QueuePort}/"),
            [table] = ("table", $"http://127.0.0.1:{azurite.TablePort}/"),
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in targets.Keys)
            {
                kestrel.Listen(IPAddress.Loopback, port);
            }

            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var counter = new StorageCounter(app, blob, queue, table);
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
        app.Run(async context =>
        {
            var (service, destination) = targets[context.Connection.LocalPort];
            counter.Record(service, context.Request);
            await forwarder.SendAsync(context, destination, invoker, ForwarderRequestConfig.Empty, HttpTransformer.Default);
        });
        await app.StartAsync();
        return counter;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Record(string service, HttpRequest request)
    {
        Interlocked.Increment(ref _count);
        _byOperation.AddOrUpdate(Operation(service, request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty), 1, (_, n) => n + 1);
    }

    private static string Operation(string service, string method, string path, string query)
    {
        switch (service)
        {
            case "queue":
                return !path.EndsWith("/messages", StringComparison.Ordinal) && !path.Contains("/messages/", StringComparison.Ordinal)
                    ? "queue_admin_" + method.ToLowerInvariant()
                    : method switch { "GET" => "queue_receive", "POST" => "queue_put", "DELETE" => "queue_delete", "PUT" => "queue_update", _ => "queue_" + method.ToLowerInvariant() };
            case "table":
                return path.EndsWith("/$batch", StringComparison.Ordinal)
                    ? "table_batch"
                    : method switch { "GET" => "table_read", "POST" => "table_insert", "DELETE" => "table_delete", _ => "table_update" };
            default:
                return "blob_" + method.ToLowerInvariant() + (query.Contains("comp=lease", StringComparison.Ordinal) ? "_lease" : string.Empty);
        }
    }
}
