using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ServerlessSupport.Core.Telemetry;

namespace ServerlessSupport.Bench.Intake;

/// <summary>
/// Where an acknowledgment's time goes, from the app's own spans (one trace per email): the webhook, the wait on the
/// <c>inbound</c> queue, ProcessInbound, the wait on <c>outbound</c>, and DispatchEmail up to the SendGrid call. Listening
/// makes the app create its spans, which costs it a little CPU, so this runs only with <c>--stages</c>.
/// </summary>
internal sealed class StageTimes : IDisposable
{
    // The app's span names: its functions' names, and the SendGrid sender's client span.
    private const string Webhook = "InboundEmail";
    private const string ProcessInbound = "ProcessInbound";
    private const string Dispatch = "DispatchEmail";
    private const string SendGrid = "SendGrid mail send";

    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentDictionary<string, (DateTime Start, DateTime End)>> _traces = new();
    private readonly ActivityListener _listener;

    public StageTimes()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SupportTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _traces.GetOrAdd(activity.TraceId, _ => new(StringComparer.Ordinal))
                .TryAdd(activity.DisplayName, (activity.StartTimeUtc, activity.StartTimeUtc + activity.Duration)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Forgets what was recorded so far (the warm-up).</summary>
    public void Clear() => _traces.Clear();

    /// <summary>One line per stage: <c>stage=… emails=… ms p50=… p90=… p99=…</c>, over the emails whose four spans all ended.</summary>
    public IEnumerable<string> Report(Func<List<double>, int, double> percentile)
    {
        var stages = new (string Name, List<double> Values)[]
        {
            ("webhook", []), ("inbound_queue_wait", []), ("process_inbound", []), ("outbound_queue_wait", []), ("dispatch_to_sendgrid", []),
        };
        foreach (var spans in _traces.Values)
        {
            if (!spans.TryGetValue(Webhook, out var webhook) || !spans.TryGetValue(ProcessInbound, out var process)
                || !spans.TryGetValue(Dispatch, out var dispatch) || !spans.TryGetValue(SendGrid, out var send))
            {
                continue;
            }

            stages[0].Values.Add((webhook.End - webhook.Start).TotalMilliseconds);
            stages[1].Values.Add((process.Start - webhook.End).TotalMilliseconds);
            stages[2].Values.Add((process.End - process.Start).TotalMilliseconds);
            stages[3].Values.Add((dispatch.Start - process.End).TotalMilliseconds);
            stages[4].Values.Add((send.Start - dispatch.Start).TotalMilliseconds);
        }

        if (stages[0].Values.Count == 0)
        {
            throw new InvalidOperationException($"No email had all of the spans {Webhook}, {ProcessInbound}, {Dispatch} and {SendGrid}: have the app's span names changed?");
        }

        foreach (var (name, values) in stages)
        {
            values.Sort();
            yield return string.Create(CultureInfo.InvariantCulture, $"stage={name} emails={values.Count} ms p50={percentile(values, 50):0} p90={percentile(values, 90):0} p99={percentile(values, 99):0}");
        }
    }

    public void Dispose() => _listener.Dispose();
}
