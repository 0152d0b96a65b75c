using System.Net;
using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Http;

namespace ServerlessSupport.Storage.Tests.Http;

/// <summary>
/// A transport that never touches the network: Azure.Core's real <see cref="HttpClientTransport"/> over a handler that
/// records each request as it went on the wire and answers with the next scripted status (the last one repeats).
/// </summary>
internal sealed class FakeHandler(params HttpStatusCode[] statuses) : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public StorageClientOptions Options(int maxRetries = 3) => new()
    {
        Transport = new HttpClientTransport(new HttpClient(this)),
        Retry = { MaxRetries = maxRetries, Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        int index;
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body));
            index = _requests.Count - 1;
        }

        var status = statuses.Length == 0 ? HttpStatusCode.OK : statuses[Math.Min(index, statuses.Length - 1)];
        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new ByteArrayContent([]) };
        response.Headers.Add("x-ms-approximate-messages-count", "7");
        return response;
    }
}

internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body);
