using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Bench.Intake;

/// <summary>
/// Where an acknowledgment's time goes, from the app's own spans (one trace per email), which the app exports over OTLP
/// to this receiver whichever host runs it: the webhook, the wait on the <c>inbound</c> queue, ProcessInbound up to the
/// send (the commit sends the acknowledgment itself), the send up to SendGrid's answer, and the mark after it (the
/// acknowledgment has left by then; the mark holds the <c>inbound</c> message until it is written); an acknowledgment that went
/// through queue <c>outbound</c> instead (SendGrid slow or refusing) is counted apart, with its wait on that queue.
/// Exporting costs the app some CPU, so this runs only with <c>--stages</c>.
/// </summary>
internal sealed class StageTimes : IAsyncDisposable
{
    // The app's span names: its functions' names, and the SendGrid sender's client span.
    private const string Webhook = "InboundEmail";
    private const string ProcessInbound = "ProcessInbound";
    private const string Dispatch = "DispatchEmail";
    private const string Send = "SendEmail";
    private const string SendGrid = "SendGrid mail send";

    private static readonly string[] Names = ["webhook", "inbound_queue_wait", "process_inbound_to_send", "sendgrid_call", "mark_sent"];

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (DateTime Start, DateTime End)>> _traces = new(StringComparer.Ordinal);
    private readonly WebApplication _receiver;
    private DateTime _since = DateTime.MinValue;

    private StageTimes(WebApplication receiver, int port)
    {
        _receiver = receiver;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The app settings that make the app (and the real host) export their spans here promptly.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Port}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
        ["OTEL_BSP_MAX_QUEUE_SIZE"] = "100000",
        ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = "4096",
    };

    public static async Task<StageTimes> StartAsync()
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var stages = new StageTimes(app, port);
        app.Run(async context =>
        {
            if (context.Request.Path == "/v1/traces")
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                stages.Read(body.ToArray());
            }

            // OTLP/HTTP's answer: an empty Export…ServiceResponse. Metrics and logs are accepted and dropped.
            context.Response.ContentType = "application/x-protobuf";
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        return stages;
    }

    /// <summary>Forgets what was recorded so far (the warm-up), and any email whose webhook ran before now.</summary>
    public void Clear()
    {
        _since = TimeProvider.System.GetUtcNow().UtcDateTime;
        _traces.Clear();
    }

    /// <summary>
    /// One line per stage: <c>stage=… emails=… ms p50=… p90=… p99=…</c>, over the emails whose four spans all arrived; with
    /// <paramref name="window"/> seconds, also one line per window of webhook time: <c>stages_window_s=… p50/p99 …</c>.
    /// </summary>
    public IEnumerable<string> Report(Func<List<double>, int, double> percentile, int window)
    {
        var emails = new List<(DateTime Accepted, double[] Stages)>();
        var queued = new List<double>();
        foreach (var spans in _traces.Values)
        {
            if (spans.TryGetValue(Webhook, out var webhook) && webhook.Start >= _since && spans.TryGetValue(ProcessInbound, out var process)
                && spans.TryGetValue(Send, out var send) && spans.TryGetValue(SendGrid, out var call))
            {
                if (spans.TryGetValue(Dispatch, out var dispatch))
                {
                    // Sent by DispatchEmail after the queue (the inline send handed it over, or a crashed run left it).
                    queued.Add((dispatch.Start - process.End).TotalMilliseconds);
                    continue;
                }

                emails.Add((webhook.End, [
                    (webhook.End - webhook.Start).TotalMilliseconds,
                    (process.Start - webhook.End).TotalMilliseconds,
                    (send.Start - process.Start).TotalMilliseconds,
                    (call.End - send.Start).TotalMilliseconds,
                    (send.End - call.End).TotalMilliseconds,
                ]));
            }
        }

        if (emails.Count == 0)
        {
            throw new InvalidOperationException($"No email had all of the spans {Webhook}, {ProcessInbound}, {Send} and {SendGrid}: have the app's span names changed, or did it export nothing?");
        }

        queued.Sort();
        yield return string.Create(CultureInfo.InvariantCulture, $"stages sent_by_processinbound={emails.Count} sent_after_outbound_queue={queued.Count}{(queued.Count == 0 ? string.Empty : $" outbound_queue_wait_ms p50={percentile(queued, 50):0} p99={percentile(queued, 99):0}")}");

        for (var stage = 0; stage < Names.Length; stage++)
        {
            var values = emails.Select(e => e.Stages[stage]).Order().ToList();
            yield return string.Create(CultureInfo.InvariantCulture, $"stage={Names[stage]} emails={values.Count} ms p50={percentile(values, 50):0} p90={percentile(values, 90):0} p99={percentile(values, 99):0}");
        }

        if (window <= 0)
        {
            yield break;
        }

        var start = emails.Min(e => e.Accepted);
        foreach (var slot in emails.GroupBy(e => (int)((e.Accepted - start).TotalSeconds / window)).OrderBy(g => g.Key))
        {
            var columns = Enumerable.Range(0, Names.Length).Select(stage =>
            {
                var values = slot.Select(e => e.Stages[stage]).Order().ToList();
                return string.Create(CultureInfo.InvariantCulture, $"{Names[stage]}={percentile(values, 50):0}/{percentile(values, 99):0}");
            });
            yield return string.Create(CultureInfo.InvariantCulture, $"stages_window_s={slot.Key * window} emails={slot.Count()} ms p50/p99 {string.Join(' ', columns)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
    }

    // An OTLP ExportTraceServiceRequest, read field by field with protobuf's own reader: no package served here carries the
    // OTLP message types, and four fields of a span are all this needs. Field numbers from opentelemetry-proto:
    // request.resource_spans = 1; ResourceSpans.scope_spans = 2; ScopeSpans.scope = 1 (InstrumentationScope.name = 1),
    // ScopeSpans.spans = 2; Span.trace_id = 1, name = 5, start_time_unix_nano = 7, end_time_unix_nano = 8.
    private void Read(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = Fields(scopeSpans, 1).Select(s => Fields(s, 1).Select(n => System.Text.Encoding.UTF8.GetString(n)).FirstOrDefault()).FirstOrDefault();
                if (scope != SupportTelemetry.Name)
                {
                    continue;
                }

                foreach (var span in Fields(scopeSpans, 2))
                {
                    ReadSpan(span);
                }
            }
        }
    }

    private void ReadSpan(byte[] span)
    {
        var input = new CodedInputStream(span);
        string? trace = null;
        string? name = null;
        ulong start = 0;
        ulong end = 0;
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: trace = Convert.ToHexString(input.ReadBytes().Span); break;
                case 5: name = input.ReadString(); break;
                case 7: start = input.ReadFixed64(); break;
                case 8: end = input.ReadFixed64(); break;
                default: input.SkipLastField(); break;
            }
        }

        if (trace is not null && name is not null)
        {
            _traces.GetOrAdd(trace, _ => new(StringComparer.Ordinal)).TryAdd(name, (FromUnixNanos(start), FromUnixNanos(end)));
        }
    }

    /// <summary>The contents of every length-delimited field numbered <paramref name="field"/> in a message.</summary>
    private static List<byte[]> Fields(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }

    private static DateTime FromUnixNanos(ulong nanos) => DateTime.UnixEpoch.AddTicks((long)(nanos / 100));
}
