using System.Net.Sockets;
using Azure;
using Azure.Core;
using ServerlessSupport.Storage;
using ServerlessSupport.Storage.Account;
using ServerlessSupport.Storage.Http;

namespace ServerlessSupport.Functions.Health;

/// <summary>
/// Checks that each storage service answers an authorised list call, through pipelines of its own with no retries
/// and a short timeout, so a health check answers within seconds even when storage is down.
/// </summary>
internal sealed class StorageHealthProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly StorageClients _clients;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageHealthProbe> _logger;

    public StorageHealthProbe(StorageAccount account, TimeProvider time, ILogger<StorageHealthProbe> logger)
    {
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = Timeout;
        _clients = new StorageClients(account, options);
        _time = time;
        _logger = logger;
    }

    /// <summary>Service name → "reachable" or "unreachable: reason".</summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new[] { StorageService.Blob, StorageService.Queue, StorageService.Table }
            .Select(async service => (Name: service.ToString().ToLowerInvariant(), Result: await CheckAsync(service, cancellationToken)));
        var results = await Task.WhenAll(checks);
        return results.ToDictionary(r => r.Name, r => r.Result);
    }

    private async Task<string> CheckAsync(StorageService service, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var endpoint = _clients.Account.EndpointFor(service);
        var pipeline = _clients.GetPipeline(service);
        using var request = pipeline.CreateRequest();
        request.Method = RequestMethod.Get;
        if (service == StorageService.Table)
        {
            request.Uri.Reset(new Uri(endpoint, "Tables"));
            request.Uri.AppendQuery("$top", "1");
            request.Headers.SetValue("Accept", "application/json;odata=nometadata");
        }
        else
        {
            request.Uri.Reset(endpoint);
            request.Uri.AppendQuery("comp", "list");
            request.Uri.AppendQuery("maxresults", "1");
        }

        string? failure;
        try
        {
            using var response = await pipeline.SendRequestAsync(request, linked.Token);
            failure = response.Status is >= 200 and < 300
                ? null
                : $"HTTP {response.Status}{(response.Headers.TryGetValue("x-ms-error-code", out var code) ? " " + code : "")}";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            failure = $"no answer within {Timeout.TotalSeconds:0} s";
        }
        catch (RequestFailedException ex)
        {
            failure = Describe(ex);
        }
        catch (AggregateException ex)
        {
            failure = Describe(ex.InnerExceptions.FirstOrDefault() ?? ex);
        }

        if (failure is null)
        {
            return "reachable";
        }

        HealthLog.Unreachable(_logger, service.ToString(), failure);
        return "unreachable: " + failure;
    }

    // Short and free of endpoints or keys: only the kind of failure.
    private static string Describe(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData => "host not found",
                    SocketError.TimedOut => "connection timed out",
                    _ => "network error " + socket.SocketErrorCode,
                };
            }
        }

        return ex is RequestFailedException { Status: > 0 } failed ? $"HTTP {failed.Status} {failed.ErrorCode}".TrimEnd() : "network error";
    }
}
