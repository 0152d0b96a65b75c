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

    private static readonly string[] Names = ["webhook", "inbound_queue_wait", "process_inbound", "outbound_queue_wait", "dispatch_to_sendgrid"];

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

    /// <summary>
    /// One line per stage: <c>stage=… emails=… ms p50=… p90=… p99=…</c>, over the emails whose four spans all ended; with
    /// <paramref name="window"/> seconds, also one line per window of webhook time: <c>stages_window_s=… p50/p99 …</c>.
    /// </summary>
    public IEnumerable<string> Report(Func<List<double>, int, double> percentile, int window)
    {
        var emails = new List<(DateTime Accepted, double[] Stages)>();
        foreach (var spans in _traces.Values)
        {
            if (spans.TryGetValue(Webhook, out var webhook) && spans.TryGetValue(ProcessInbound, out var process)
                && spans.TryGetValue(Dispatch, out var dispatch) && spans.TryGetValue(SendGrid, out var send))
            {
                emails.Add((webhook.End, [
                    (webhook.End - webhook.Start).TotalMilliseconds,
                    (process.Start - webhook.End).TotalMilliseconds,
                    (process.End - process.Start).TotalMilliseconds,
                    (dispatch.Start - process.End).TotalMilliseconds,
                    (send.Start - dispatch.Start).TotalMilliseconds,
                ]));
            }
        }

        if (emails.Count == 0)
        {
            throw new InvalidOperationException($"No email had all of the spans {Webhook}, {ProcessInbound}, {Dispatch} and {SendGrid}: have the app's span names changed?");
        }

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

    public void Dispose() => _listener.Dispose();
}
