using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Azure;
using ServerlessSupport.Bench.Intake;
using ServerlessSupport.Standalone;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;

// Intake benchmark: the standalone app against Azurite and the local SendGrid server; emails posted over
// HTTP at a fixed rate; acknowledgment latency = webhook 200 → SendGrid request received.
var rate = Option("--rate", 50);
var seconds = Option("--seconds", 60);
// --windows N: also the latency of the emails accepted in each N-second window (where in the run the tail comes from).
var window = Option("--windows", 0);
var total = rate * seconds;
const string Key = "bench-key";
const string Support = "support@bench.test";

await using var azurite = await AzuriteProcess.StartAsync(AzuriteLayout.ForLoad);
// Only what the latency count needs is kept of each request: the recorder's memory is not the app's.
await using var sendGrid = await FakeSendGridServer.StartAsync();
sendGrid.RecordContent = false;
var counter = new CountingPolicy();

// The standalone host in this process, built exactly as its Program.cs builds it, with a counter on its storage pipelines.
var appPort = LoopbackPort.Free();
await using var app = StandaloneHost.Build(
    [
        "--urls", $"http://127.0.0.1:{appPort}", "--contentRoot", RepositoryRoot.Path,
        $"--AzureWebJobsStorage={azurite.ConnectionString}", $"--SendGrid:ApiKey={sendGrid.ApiKey}", $"--SendGrid:BaseUrl={sendGrid.BaseUrl}",
        $"--Support:Address={Support}", $"--Support:WebhookKeys={Key}", "--Support:SurveySigningKey=bench-signing-key", "--Logging:LogLevel:Default=Warning",
    ],
    builder => builder.Services.AddAzureClients(clients => clients.ConfigureDefaults(o => o.AddPolicy(counter, HttpPipelinePosition.PerRetry))));
await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{appPort}"), Timeout = TimeSpan.FromSeconds(30) };
await WaitHealthyAsync(http);

// Warm-up: JIT, connection pools and table creation are not what we measure.
await SendBatchAsync(http, 10, 20, new ConcurrentDictionary<string, long>(), new ConcurrentBag<int>());
await sendGrid.WaitForRequestsAsync(10, TimeSpan.FromSeconds(60));
sendGrid.Reset();
var storageBefore = counter.Count;
using var self = Process.GetCurrentProcess();
var cpuBefore = self.TotalProcessorTime;

Console.WriteLine($"sending {total} emails at {rate}/s for {seconds} s");
var accepted = new ConcurrentDictionary<string, long>();
var failures = new ConcurrentBag<int>();
var sendStart = Stopwatch.GetTimestamp();

// The app runs in this process (with the load generator and the SendGrid stand-in): its RSS, sampled each second.
var rssByMinute = new ConcurrentDictionary<int, long>();
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    using var process = Process.GetCurrentProcess();
    while (!sampling.IsCancellationRequested)
    {
        process.Refresh();
        rssByMinute.AddOrUpdate((int)Stopwatch.GetElapsedTime(sendStart).TotalMinutes, process.WorkingSet64, (_, old) => Math.Max(old, process.WorkingSet64));
        await Task.Delay(1000, CancellationToken.None);
    }
});
await SendBatchAsync(http, total, rate, accepted, failures);

var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 120);
while (AckedCount(sendGrid, accepted) < accepted.Count && Stopwatch.GetTimestamp() < deadline)
{
    await Task.Delay(200);
}

var storageTx = counter.Count - storageBefore;
self.Refresh();
var cpu = self.TotalProcessorTime - cpuBefore;
var acks = sendGrid.Requests.Where(r => r.Answer?.Status == 202).GroupBy(r => r.MailHeader("In-Reply-To") ?? string.Empty).ToDictionary(g => g.Key, g => g.ToList());
var latencies = new List<double>();
var byMinute = new Dictionary<int, List<double>>();
var byWindow = new Dictionary<int, List<double>>();
var lost = 0;
var duplicates = 0;
foreach (var (messageId, acceptedAt) in accepted)
{
    if (!acks.TryGetValue(messageId, out var list))
    {
        lost++;
        continue;
    }

    duplicates += list.Count - 1;
    var latency = Math.Max(0, (list.Min(r => r.ReceivedAt) - ToTime(acceptedAt)).TotalMilliseconds);
    latencies.Add(latency);
    var sentAfter = Stopwatch.GetElapsedTime(sendStart, acceptedAt);
    var minute = (int)sentAfter.TotalMinutes;
    (byMinute.TryGetValue(minute, out var inMinute) ? inMinute : byMinute[minute] = []).Add(latency);
    if (window > 0)
    {
        var slot = (int)(sentAfter.TotalSeconds / window);
        (byWindow.TryGetValue(slot, out var inWindow) ? inWindow : byWindow[slot] = []).Add(latency);
    }
}

await sampling.CancelAsync();
await sampler;
var tickets = await CountTicketsAsync(azurite.TableService);
latencies.Sort();
Console.WriteLine($"accepted={accepted.Count} rejected={failures.Count} ({string.Join(", ", failures.GroupBy(f => f).Select(g => $"{(g.Key == -1 ? "timeout" : g.Key == 0 ? "connection" : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Count()}"))}) tickets={tickets} acks={acks.Sum(a => a.Value.Count)}");
foreach (var missing in accepted.Keys.Where(id => !acks.ContainsKey(id)).Take(5))
{
    Console.WriteLine($"no acknowledgment for {missing}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack_latency_ms p50={Percentile(latencies, 50):0} p99={Percentile(latencies, 99):0} max={(latencies.Count == 0 ? 0 : latencies[^1]):0}"));
var lastMinute = Math.Max(0, seconds - 1) / 60;
foreach (var minute in new[] { 0, lastMinute }.Distinct())
{
    var values = byMinute.TryGetValue(minute, out var v) ? v.Order().ToList() : [];
    var rss = rssByMinute.TryGetValue(minute, out var bytes) ? bytes / (1024.0 * 1024.0) : 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"minute={minute + 1} acks={values.Count} ack_latency_ms p50={Percentile(values, 50):0} p99={Percentile(values, 99):0} max={(values.Count == 0 ? 0 : values[^1]):0} rss_mib={rss:0}"));
}

foreach (var (slot, values) in byWindow.OrderBy(w => w.Key))
{
    values.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"window_s={slot * window} acks={values.Count} ack_latency_ms p50={Percentile(values, 50):0} p99={Percentile(values, 99):0} max={values[^1]:0}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage_tx_per_email={(accepted.IsEmpty ? 0 : (double)storageTx / accepted.Count):0.0}"));
// CPU time of this process (app, load generator and SendGrid stand-in) per email: unlike latency, it barely moves when
// other work shares the machine.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process_cpu_ms_per_email={(accepted.IsEmpty ? 0 : cpu.TotalMilliseconds / accepted.Count):0.00}"));
Console.WriteLine($"lost={lost} duplicates={duplicates}");
await app.StopAsync();
return lost == 0 && duplicates == 0 && failures.IsEmpty ? 0 : 1;

static async Task SendBatchAsync(HttpClient http, int count, int rate, ConcurrentDictionary<string, long> accepted, ConcurrentBag<int> failures)
{
    var start = Stopwatch.GetTimestamp();
    var inFlight = new List<Task>(count);
    for (var i = 0; i < count; i++)
    {
        var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        inFlight.Add(PostOneAsync(http, accepted, failures));
    }

    await Task.WhenAll(inFlight);
}

static async Task PostOneAsync(HttpClient http, ConcurrentDictionary<string, long> accepted, ConcurrentBag<int> failures)
{
    var messageId = $"<{Guid.NewGuid():N}@customer.bench>";
    var body = $$"""{"from":"Customer <c{{Random.Shared.Next(100_000)}}@customer.bench>","to":["{{Support}}"],"subject":"Help with order {{Random.Shared.Next(1_000_000)}}","text":"Hello, my order has not arrived. Can you check?","messageId":"{{messageId}}"}""";
    using var content = new StringContent(body, Encoding.UTF8, "application/json");
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/json") { Content = content };
    request.Headers.Add("x-functions-key", Key);
    try
    {
        using var response = await http.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            accepted[messageId] = Stopwatch.GetTimestamp();
        }
        else
        {
            failures.Add((int)response.StatusCode);
        }
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        // Refused or timed out: not accepted, so not counted as lost either; reported as rejected.
        failures.Add(ex is TaskCanceledException ? -1 : 0);
        Console.Error.WriteLine($"post failed: {ex.GetType().Name}: {ex.Message}");
    }
}

static int AckedCount(FakeSendGridServer sendGrid, ConcurrentDictionary<string, long> accepted) =>
    sendGrid.Requests.Where(r => r.Answer?.Status == 202).Select(r => r.MailHeader("In-Reply-To")).Where(id => id is not null && accepted.ContainsKey(id)).Distinct().Count();

static DateTimeOffset ToTime(long timestamp) =>
    TimeProvider.System.GetUtcNow() - Stopwatch.GetElapsedTime(timestamp);

static double Percentile(List<double> sorted, int percentile) =>
    sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

static async Task<int> CountTicketsAsync(TableServiceClient service)
{
    var table = service.GetTableClient(StorageNames.Tickets);
    var count = 0;
    await foreach (var unused in table.QueryAsync<TableEntity>("RowKey eq 'ticket'", select: ["PartitionKey"]))
    {
        count++;
    }

    return count;
}

static async Task WaitHealthyAsync(HttpClient http)
{
    for (var i = 0; i < 300; i++)
    {
        try
        {
            using var response = await http.GetAsync("/api/health");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await Task.Delay(100);
    }

    throw new InvalidOperationException("The app did not become healthy within 30 s.");
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
