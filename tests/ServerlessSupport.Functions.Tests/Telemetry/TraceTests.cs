using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using OpenTelemetry.Trace;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Functions.Tests.Pipeline;
using ServerlessSupport.Testing;
using Xunit.Abstractions;

namespace ServerlessSupport.Functions.Tests.Telemetry;

/// <summary>
/// One email through the standalone host with OpenTelemetry's in-memory exporter: one trace from the webhook's POST across
/// queue <c>inbound</c> (ProcessInbound, which sends the acknowledgment right after its commit) to SendGrid's 202.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TraceTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task OneEmail_WebhookToSendGrid_OneTraceAcrossTheQueueHop()
    {
        var spans = new List<Activity>();
        var ackLatencies = new List<double>();
        using var listener = AckLatencyListener(ackLatencies);
        await using var host = await PipelineHost.StartAsync(azurite, services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        var mail = new InboundMailBuilder();

        using var response = await host.PostInboundAsync("json", mail.ToContent());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.SendGrid.WaitForRequestsAsync(1);
        await host.WaitForIdleAsync();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        // Spans of other hosts in this process (none run now, but the sources are process-wide) are told apart by trace.
        Activity[] all;
        lock (spans)
        {
            all = [.. spans];
        }

        var webhook = Assert.Single(all, s => s.DisplayName == "InboundEmail" && (string?)s.GetTagItem("support.intake_id") is not null);
        var trace = all.Where(s => s.TraceId == webhook.TraceId).ToList();
        var request = Assert.Single(trace, s => s.Source.Name == "Microsoft.AspNetCore" && s.ParentSpanId == default);
        var process = Assert.Single(trace, s => s.DisplayName == "ProcessInbound");
        var dispatch = Assert.Single(trace, s => s.DisplayName == "SendEmail");
        var send = Assert.Single(trace, s => s.DisplayName == "SendGrid mail send");
        Assert.DoesNotContain(trace, s => s.DisplayName == "DispatchEmail");

        Assert.Equal(default, request.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal(request.SpanId, webhook.ParentSpanId);
        Assert.Equal(webhook.SpanId, process.ParentSpanId);
        Assert.Equal(process.SpanId, dispatch.ParentSpanId);
        Assert.Equal(dispatch.SpanId, send.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(ActivityKind.Client, send.Kind);
        Assert.Equal(200, webhook.GetTagItem("http.response.status_code"));
        Assert.Equal(202, send.GetTagItem("http.response.status_code"));
        Assert.Equal("inbound", process.GetTagItem("messaging.destination.name"));
        var ticket = Assert.Single(await host.GetTicketsAsync());
        Assert.Equal(ticket.Id.ToString(), process.GetTagItem("support.ticket"));
        Assert.Equal(ticket.Id.ToString(), dispatch.GetTagItem("support.ticket"));
        Assert.Equal("ack", dispatch.GetTagItem("support.email.kind"));
        Assert.True(webhook.StartTimeUtc <= process.StartTimeUtc && process.StartTimeUtc <= dispatch.StartTimeUtc);

        // The acknowledgment latency was recorded from the webhook's acceptance (baggage across the hop).
        lock (ackLatencies)
        {
            Assert.NotEmpty(ackLatencies);
            Assert.All(ackLatencies, l => Assert.InRange(l, 0, 60));
        }

        // HttpClient sends a traceparent under the send span, so even the (in-process) SendGrid server's request joins the trace.
        var atSendGrid = Assert.Single(trace, s => s.Source.Name == "Microsoft.AspNetCore" && s.ParentSpanId != default);
        Assert.InRange(atSendGrid.StartTimeUtc, send.StartTimeUtc, send.StartTimeUtc + send.Duration);
        Assert.Equal(6, trace.Count);
        foreach (var line in Describe(request, [request, webhook, process, dispatch, send]))
        {
            output.WriteLine(line);
        }
    }

    [Fact]
    public async Task Sweep_SendsAnEscalation_InTheSweepsTrace()
    {
        var spans = new List<Activity>();
        await using var host = await PipelineHost.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                ["Support:PolicyPath"] = RepositoryRoot.Combine("tests", "ServerlessSupport.Functions.Tests", "Telemetry", "instant-escalation-policy.json"),
                ["Support:EscalationSchedule"] = "* * * * * *",
            },
            services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));

        using var response = await host.PostInboundAsync("json", new InboundMailBuilder().ToContent());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The policy escalates at 1% of a 1-minute target: an EscalationSweep (every second here) sends a mail to the lead.
        await host.SendGrid.WaitForRequestsAsync(2, TimeSpan.FromSeconds(30));
        await host.WaitForIdleAsync();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Activity[] ours;
        lock (spans)
        {
            ours = [.. spans.Where(s => s.Source.Name == SupportTelemetry.Name)];
        }

        var sweep = Assert.Single(ours, s => s.DisplayName == "EscalationSweep" && (int?)s.GetTagItem("support.sweep.actions") > 0);
        var dispatch = Assert.Single(ours, s => s.DisplayName == "SendEmail" && s.ParentSpanId == sweep.SpanId);
        Assert.Equal(sweep.TraceId, dispatch.TraceId);
        Assert.Equal("escalation", dispatch.GetTagItem("support.email.kind"));
        Assert.DoesNotContain(ours, s => s.DisplayName == "InboundEmail" && s.TraceId == sweep.TraceId);
    }

    private static MeterListener AckLatencyListener(List<double> values)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SupportTelemetry.Name && instrument.Name == SupportTelemetry.AckLatencyName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (values)
            {
                values.Add(value);
            }
        });
        listener.Start();
        return listener;
    }

    /// <summary>The trace as docs/observability.md shows it: each span's start (from the HTTP request's) and duration, then the queue waits.</summary>
    private static IEnumerable<string> Describe(Activity root, IReadOnlyList<Activity> spans)
    {
        static double Ms(TimeSpan t) => t.TotalMilliseconds;
        static DateTime End(Activity a) => a.StartTimeUtc + a.Duration;
        yield return $"trace {root.TraceId}";
        foreach (var span in spans)
        {
            var name = span == root ? "POST /api/inbound/json" : span.DisplayName;
            yield return string.Create(CultureInfo.InvariantCulture, $"  {name,-24} +{Ms(span.StartTimeUtc - root.StartTimeUtc),7:0.0} ms  {Ms(span.Duration),6:0.0} ms");
        }

        var (webhook, process, dispatch, send) = (spans[1], spans[2], spans[3], spans[4]);
        yield return string.Create(CultureInfo.InvariantCulture, $"  waiting on queue inbound: {Ms(process.StartTimeUtc - End(root)):0.0} ms, ProcessInbound to the send: {Ms(dispatch.StartTimeUtc - process.StartTimeUtc):0.0} ms");
        yield return string.Create(CultureInfo.InvariantCulture, $"  POST received → SendGrid 202: {Ms(End(send) - root.StartTimeUtc):0.0} ms (webhook span {Ms(webhook.Duration):0.0} ms)");
    }
}
