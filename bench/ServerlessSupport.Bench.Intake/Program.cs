using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
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
// --seed-due N: N due rows, all due next year, written before the run, as a soak's late minutes hold them. In Azurite
// every sweep query scans the whole Due table, so this brings a long soak's sweep cost into a short run.
var seedDue = Option("--seed-due", 0);
// --warmup S: S seconds at the run's rate before measuring; by default until the JIT has settled (see below).
var warmup = Option("--warmup", 0);
// --stages: also where the time goes, stage by stage, from the app's spans (StageTimes).
using var stages = args.Contains("--stages") ? new StageTimes() : null;
var total = rate * seconds;
const string Key = "bench-key";
const string Support = "support@bench.test";

await using var azurite = await AzuriteProcess.StartAsync(AzuriteLayout.ForLoad);
await using var sendGrid = await FakeSendGridServer.StartAsync();
// What the latency count needs, taken from each answered request as it arrives: the first acknowledgment's time and how
// many there were, by the Message-ID it answers. The server keeps no request: its memory is not the app's.
var acks = new ConcurrentDictionary<string, Ack>(StringComparer.Ordinal);
sendGrid.RequestRecorded += request =>
{
    if (request.Answer?.Status == 202 && request.MailHeader("In-Reply-To") is { } answered)
    {
        acks.AddOrUpdate(answered, new Ack(request.ReceivedAt, 1), (_, seen) => new Ack(seen.First < request.ReceivedAt ? seen.First : request.ReceivedAt, seen.Count + 1));
    }
};
var counter = new CountingPolicy(azurite.BlobPort, azurite.QueuePort, azurite.TablePort);

// The standalone host in this process, built exactly as its Program.cs builds it, with a counter on its storage pipelines.
var appPort = LoopbackPort.Free();
await using var app = StandaloneHost.Build(
    [
        "--urls", $"http://127.0.0.1:{appPort}", "--contentRoot", RepositoryRoot.Path,
        $"--AzureWebJobsStorage={azurite.ConnectionString}", $"--SendGrid:ApiKey={sendGrid.ApiKey}", $"--SendGrid:BaseUrl={sendGrid.BaseUrl}",
        $"--Support:Address={Support}", $"--Support:WebhookKeys={Key}", "--Support:SurveySigningKey=bench-signing-key", "--Logging:LogLevel:Default=Warning",
        // The sweeps run as deployed (infra/main.bicep): half a minute apart.
        "--Support:FollowUpSchedule=0 * * * * *", "--Support:EscalationSchedule=30 * * * * *",
    ],
    builder => builder.Services.AddAzureClients(clients => clients.ConfigureDefaults(o => o.AddPolicy(counter, HttpPipelinePosition.PerRetry))));
var dueTable = azurite.TableService.GetTableClient(StorageNames.Due);
await dueTable.CreateIfNotExistsAsync();
await FutureDueRows.WriteAsync(dueTable, seedDue, TimeProvider.System.GetUtcNow());
await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{appPort}"), Timeout = TimeSpan.FromSeconds(30) };
await WaitHealthyAsync(http);

// Warm-up: JIT (.NET's tiers and Azurite's V8), connection pools and table creation are not what we measure. Ten
// emails left most of it inside the measured minute: the runtime went on compiling about 500 methods a second for
// 25 s, and the first 10 s held most of the emails over 400 ms. So the warm-up runs at the run's rate, a second at a
// time, until fewer than 20 methods a second were compiled over the last 5 s (at least 10 s, at most 60 s).
sendGrid.KeepRequests = false;
var warm = new ConcurrentDictionary<string, long>();
var warmSeconds = 0;
var jitted = new Queue<long>();
for (var compiled = JitInfo.GetCompiledMethodCount(); ;)
{
    await SendBatchAsync(http, rate, rate, warm, new ConcurrentBag<int>());
    warmSeconds++;
    jitted.Enqueue(JitInfo.GetCompiledMethodCount() - compiled);
    compiled = JitInfo.GetCompiledMethodCount();
    if (jitted.Count > 5)
    {
        jitted.Dequeue();
    }

    if (warmup > 0 ? warmSeconds >= warmup : (warmSeconds >= 10 && jitted.Sum() < 5 * 20) || warmSeconds >= 60)
    {
        break;
    }
}

await WaitForAcksAsync(warm, acks, 60);
var warmLatencies = warm.Where(w => acks.ContainsKey(w.Key)).Select(w => acks[w.Key].LatencyMs(w.Value)).Order().ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warmup emails={warm.Count} seconds={warmSeconds} methods_jitted_per_s={jitted.Average():0} acks={warmLatencies.Count} ack_latency_ms p50={Percentile(warmLatencies, 50):0} p99={Percentile(warmLatencies, 99):0} (not measured)"));
acks.Clear();
stages?.Clear();
var storageBefore = counter.Count;
var operationsBefore = counter.ByOperation;
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

await WaitForAcksAsync(accepted, acks, 120);

var storageTx = counter.Count - storageBefore;
var operationsAfter = counter.ByOperation;
self.Refresh();
var cpu = self.TotalProcessorTime - cpuBefore;
var latencies = new List<double>();
var byMinute = new Dictionary<int, List<double>>();
var byWindow = new Dictionary<int, List<double>>();
var lost = 0;
var duplicates = 0;
foreach (var (messageId, acceptedAt) in accepted)
{
    if (!acks.TryGetValue(messageId, out var ack))
    {
        lost++;
        continue;
    }

    duplicates += ack.Count - 1;
    var latency = ack.LatencyMs(acceptedAt);
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
var tickets = await CountRowsAsync(azurite.TableService, StorageNames.Tickets, "RowKey eq 'ticket'");
// What a sweep reads through in Azurite (its queries scan the whole Due table): see scripts/bench-emulator.sh sweep_read_none_due.
var dueRows = await CountRowsAsync(azurite.TableService, StorageNames.Due, null);
latencies.Sort();
Console.WriteLine($"accepted={accepted.Count} rejected={failures.Count} ({string.Join(", ", failures.GroupBy(f => f).Select(g => $"{(g.Key == -1 ? "timeout" : g.Key == 0 ? "connection" : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Count()}"))}) tickets={tickets} due_rows={dueRows} acks={acks.Values.Sum(a => a.Count)}");
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
var operations = operationsAfter.Select(o => (o.Key, Count: o.Value - operationsBefore.GetValueOrDefault(o.Key))).Where(o => o.Count > 0).OrderByDescending(o => o.Count);
Console.WriteLine("storage_tx_per_email_by_operation " + string.Join(' ', operations.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key}={(accepted.IsEmpty ? 0 : (double)o.Count / accepted.Count):0.00}"))));
foreach (var line in stages?.Report(Percentile, window) ?? [])
{
    Console.WriteLine(line);
}

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

// Waits until every email in `sent` is acknowledged, or `seconds` have passed.
static async Task WaitForAcksAsync(ConcurrentDictionary<string, long> sent, ConcurrentDictionary<string, Ack> acks, int seconds)
{
    var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * seconds);
    while (sent.Keys.Count(acks.ContainsKey) < sent.Count && Stopwatch.GetTimestamp() < deadline)
    {
        await Task.Delay(200);
    }
}

static double Percentile(List<double> sorted, int percentile) =>
    sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

static async Task<int> CountRowsAsync(TableServiceClient service, string table, string? filter)
{
    var count = 0;
    await foreach (var unused in service.GetTableClient(table).QueryAsync<TableEntity>(filter, select: ["PartitionKey"]))
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
