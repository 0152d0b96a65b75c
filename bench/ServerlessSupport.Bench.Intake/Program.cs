using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using ServerlessSupport.Bench.Intake;
using ServerlessSupport.Storage;
using ServerlessSupport.Testing;
using ServerlessSupport.Testing.FakeSendGrid;
using ServerlessSupport.Testing.Hosts;

// Intake benchmark: the app as a child process, on the real Functions host or the standalone host (--host), against
// Azurite (through a counter of storage calls) and the local SendGrid server; emails posted over HTTP at a fixed rate;
// acknowledgment latency = webhook 200 → SendGrid request received.
var host = HostKinds.Parse(StringOption("--host"));
var rate = Option("--rate", 50);
var seconds = Option("--seconds", 60);
// --windows N: also the latency of the emails accepted in each N-second window (where in the run the tail comes from).
var window = Option("--windows", 0);
// --seed-due N: N due rows, all due next year, written before the run, as a soak's late minutes hold them. In Azurite
// every sweep query scans the whole Due table, so this brings a long soak's sweep cost into a short run.
var seedDue = Option("--seed-due", 0);
// --warmup S: S seconds of warm-up before measuring; by default until the app keeps up and its JIT has settled (below).
var warmup = Option("--warmup", 0);
// --log-level L: the default log level of both hosts and the worker (Warning: the run measures the work, not a console
// at tens of lines a second; Information shows what logging costs, with host.json's finer levels still applied).
var logLevel = StringOption("--log-level") ?? "Warning";
var total = rate * seconds;

await using var azurite = await AzuriteProcess.StartAsync(AzuriteLayout.ForLoad);
await using var storage = await StorageCounter.StartAsync(azurite);
await using var sendGrid = await FakeSendGridServer.StartAsync();
// --stages: also where the time goes, stage by stage, from the app's spans (StageTimes).
await using var stages = args.Contains("--stages") ? await StageTimes.StartAsync() : null;

// What the latency count needs, taken from each answered request as it arrives: the first acknowledgment's time and how
// many there were, by the Message-ID it answers. The server keeps no request: its memory is not the app's.
var acks = new ConcurrentDictionary<string, Ack>(StringComparer.Ordinal);
sendGrid.KeepRequests = false;
sendGrid.RequestRecorded += request =>
{
    if (request.Answer?.Status == 202 && request.MailHeader("In-Reply-To") is { } answered)
    {
        acks.AddOrUpdate(answered, new Ack(request.ReceivedAt, 1), (_, seen) => new Ack(seen.First < request.ReceivedAt ? seen.First : request.ReceivedAt, seen.Count + 1));
    }
};

var settings = new Dictionary<string, string>
{
    ["AzureWebJobsStorage"] = storage.ConnectionString,
    ["AzureFunctionsWebHost__hostid"] = "bench",
    ["SendGrid__ApiKey"] = sendGrid.ApiKey,
    ["SendGrid__BaseUrl"] = sendGrid.BaseUrl.ToString(),
    ["Support__Address"] = "support@bench.test",
    ["Support__WebhookKeys"] = "bench-key",
    ["Support__SurveySigningKey"] = "bench-signing-key",
    ["Support__PolicyPath"] = RepositoryRoot.Combine("config", "policy.json"),
    // The sweeps run as deployed (infra/main.bicep): half a minute apart.
    ["Support__FollowUpSchedule"] = "0 * * * * *",
    ["Support__EscalationSchedule"] = "30 * * * * *",
    ["Logging__LogLevel__Default"] = logLevel,
    ["AzureFunctionsJobHost__logging__logLevel__default"] = logLevel,
    ["DOTNET_gcServer"] = "0",
};
foreach (var (key, value) in stages?.AppSettings ?? new Dictionary<string, string>())
{
    settings[key] = value;
}

var dueTable = azurite.TableService.GetTableClient(StorageNames.Due);
await dueTable.CreateIfNotExistsAsync();
await FutureDueRows.WriteAsync(dueTable, seedDue, TimeProvider.System.GetUtcNow());
await using var app = new AppInstance(host, settings, Directory.CreateTempSubdirectory("bench-intake-").FullName, "app", captureLog: false);
await app.StartAsync();
Console.WriteLine($"host={host.Name()} ({(host == HostKind.Real ? FunctionsHost.Available?.Description : AppBuild.StandaloneDll)}) log={app.LogPath}");

// Warm-up: JIT (.NET's tiers in every process, Azurite's V8), connection pools and table creation are not what we
// measure. It runs at the run's rate up to 50/s (a faster run must not start from a backlog the warm-up built), a second
// at a time, until the app keeps up (98 % of the emails sent more than a second ago acknowledged) and has stopped
// optimizing code (its background JIT threads used under 2 % of a core over the last 5 s); at least 10 s, at most
// 180 s. The real host built from source has no ReadyToRun code, so it takes longer.
var warmRate = Math.Min(rate, 50);
var warm = new ConcurrentDictionary<string, long>();
var warmSeconds = 0;
var jitPerSecond = new List<double>();
for (var jit = app.JitCpuTime(); ;)
{
    await SendBatchAsync(app, warmRate, warmRate, warm, new ConcurrentBag<int>());
    warmSeconds++;
    // A JIT thread that has gone idle exits, and its time leaves the sum: count that second as none.
    jitPerSecond.Add(Math.Max(0, (app.JitCpuTime() - jit).TotalMilliseconds));
    jit = app.JitCpuTime();
    var due = warm.Where(w => Stopwatch.GetElapsedTime(w.Value) > TimeSpan.FromSeconds(1)).ToList();
    var keepsUp = due.Count(w => acks.ContainsKey(w.Key)) >= 0.98 * due.Count;
    var settled = warmSeconds >= 10 && keepsUp && jitPerSecond[^5..].Average() < 20;
    if (warmup > 0 ? warmSeconds >= warmup : settled || warmSeconds >= 180)
    {
        break;
    }
}

await WaitForAcksAsync(warm, acks, 60);
var warmLatencies = warm.Where(w => acks.ContainsKey(w.Key)).Select(w => acks[w.Key].LatencyMs(w.Value)).Order().ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warmup emails={warm.Count} seconds={warmSeconds} jit_ms_per_s_last5={jitPerSecond[^Math.Min(5, jitPerSecond.Count)..].Average():0} acks={warmLatencies.Count} ack_latency_ms p50={Percentile(warmLatencies, 50):0} p99={Percentile(warmLatencies, 99):0} (not measured)"));
acks.Clear();
stages?.Clear();
var storageBefore = storage.Count;
var operationsBefore = storage.ByOperation;
var cpuBefore = app.CpuTimes();
var othersBefore = OtherCpu();
var measuredFrom = Stopwatch.GetTimestamp();

Console.WriteLine($"sending {total} emails at {rate}/s for {seconds} s");
var accepted = new ConcurrentDictionary<string, long>();
var failures = new ConcurrentBag<int>();
var sendStart = Stopwatch.GetTimestamp();

// The app's resident memory (every process of it), sampled each second.
var rssByMinute = new ConcurrentDictionary<int, double>();
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!sampling.IsCancellationRequested)
    {
        var rss = app.RssMiB();
        rssByMinute.AddOrUpdate((int)Stopwatch.GetElapsedTime(sendStart).TotalMinutes, rss, (_, old) => Math.Max(old, rss));
        await Task.Delay(1000, CancellationToken.None);
    }
});
await SendBatchAsync(app, total, rate, accepted, failures);

await WaitForAcksAsync(accepted, acks, 120);

var storageTx = storage.Count - storageBefore;
var operationsAfter = storage.ByOperation;
var cpuAfter = app.CpuTimes();
var othersAfter = OtherCpu();
var measuredSeconds = Stopwatch.GetElapsedTime(measuredFrom).TotalSeconds;
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
    var rss = rssByMinute.GetValueOrDefault(minute);
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

// CPU time of the app's processes (the host and its worker on the real host) per email: unlike latency, it barely moves
// when other work shares the machine. The load generator, SendGrid stand-in and storage counter are not in it.
var perProcess = cpuAfter.Select(a => (a.Command, Ms: (a.Cpu - (cpuBefore.FirstOrDefault(b => b.Pid == a.Pid).Cpu)).TotalMilliseconds)).ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"app_cpu_ms_per_email={(accepted.IsEmpty ? 0 : perProcess.Sum(p => p.Ms) / accepted.Count):0.00} ({string.Join(' ', perProcess.Select(p => $"{p.Command}={(accepted.IsEmpty ? 0 : p.Ms / accepted.Count):0.00}"))})"));
// Where the machine's two cores went during the run, in cores: what shows which process saturates when the app falls behind.
var shares = perProcess.Select(p => (p.Command, p.Ms)).Concat(othersAfter.Select(o => (o.Name, Ms: (o.Cpu - othersBefore.First(b => b.Name == o.Name).Cpu).TotalMilliseconds)));
Console.WriteLine("cpu_cores " + string.Join(' ', shares.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Item1}={s.Ms / 1000 / measuredSeconds:0.00}"))));
Console.WriteLine($"lost={lost} duplicates={duplicates}");
await app.StopAsync();
return lost == 0 && duplicates == 0 && failures.IsEmpty ? 0 : 1;

static async Task SendBatchAsync(AppInstance app, int count, int rate, ConcurrentDictionary<string, long> accepted, ConcurrentBag<int> failures)
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

        inFlight.Add(PostOneAsync(app, accepted, failures));
    }

    await Task.WhenAll(inFlight);
}

static async Task PostOneAsync(AppInstance app, ConcurrentDictionary<string, long> accepted, ConcurrentBag<int> failures)
{
    var messageId = $"<{Guid.NewGuid():N}@customer.bench>";
    var body = $$"""{"from":"Customer <c{{Random.Shared.Next(100_000)}}@customer.bench>","to":["support@bench.test"],"subject":"Help with order {{Random.Shared.Next(1_000_000)}}","text":"Hello, my order has not arrived. Can you check?","messageId":"{{messageId}}"}""";
    using var content = new StringContent(body, Encoding.UTF8, "application/json");
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/json") { Content = content };
    app.WithKey(request);
    try
    {
        using var response = await app.Http.SendAsync(request);
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

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

string? StringOption(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

// Azurite's processes and this one (the load generator, the SendGrid stand-in, the storage counter), by name.
List<(string Name, TimeSpan Cpu)> OtherCpu()
{
    var names = new[] { "azurite-blob", "azurite-queue", "azurite-table" };
    var list = azurite.ProcessIds.Select((pid, i) => (azurite.ProcessIds.Count == 3 ? names[i] : "azurite", ProcessTree.CpuTime(pid))).ToList();
    list.Add(("bench", Process.GetCurrentProcess().TotalProcessorTime));
    return list;
}
