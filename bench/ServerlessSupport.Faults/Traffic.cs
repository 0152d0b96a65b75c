using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ServerlessSupport.Testing.Hosts;

namespace ServerlessSupport.Faults;

/// <summary>
/// Emails posted to the webhook (JSON form) at a fixed rate, each from its own sender with its own Message-ID, so each
/// must become its own ticket and get one acknowledgment. Only a 2xx counts as accepted.
/// </summary>
internal sealed class Traffic
{
    /// <summary>The standalone host's webhook key; the real host's come from its own key store.</summary>
    public const string WebhookKey = "faults-key";
    public const string SupportAddress = "support@faults.test";

    private long _sequence;

    public ConcurrentDictionary<string, DateTimeOffset> Accepted { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentDictionary<int, int> Refused { get; } = new();

    public int Sent => (int)Interlocked.Read(ref _sequence);

    public int Count(int status) => Refused.TryGetValue(status, out var n) ? n : 0;

    public int RefusedTotal => Refused.Values.Sum();

    /// <summary>Posts <paramref name="rate"/> emails a second for <paramref name="duration"/> to one of the given apps, in turn.</summary>
    public async Task RunAsync(IReadOnlyList<AppInstance> apps, double rate, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(count);
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, CancellationToken.None);
            }

            inFlight.Add(PostOneAsync(apps[i % apps.Count]));
        }

        await Task.WhenAll(inFlight);
    }

    public async Task PostOneAsync(AppInstance app)
    {
        var n = Interlocked.Increment(ref _sequence);
        var messageId = $"<{Guid.NewGuid():N}@customer.faults.test>";
        var body = $$"""{"from":"Customer {{n}} <c{{n}}-{{Guid.NewGuid():N}}@customer.faults.test>","to":["{{SupportAddress}}"],"subject":"Order {{n}} has not arrived","text":"Hello, my order {{n}} has not arrived. Can you check?","messageId":"{{messageId}}"}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/json") { Content = content };
        app.WithKey(request);
        try
        {
            using var response = await app.Http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                Accepted[messageId] = TimeProvider.System.GetUtcNow();
            }
            else
            {
                Refused.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Connection refused or reset: the app is down (kill scenario). Not accepted, so nothing is owed.
            Refused.AddOrUpdate(0, 1, (_, c) => c + 1);
        }
    }
}
