using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Core.Telemetry;

/// <summary>
/// The app's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/>, and the
/// instruments recorded on them (docs/architecture.md, "Telemetry"). Recording costs next to nothing while no listener
/// (exporter) is attached.
/// </summary>
internal static class SupportTelemetry
{
    public const string Name = "ServerlessSupport";

    /// <summary>Baggage item set by ProcessInbound: when the webhook accepted the email (Unix milliseconds).</summary>
    public const string AcceptedAtBaggage = "support.accepted_at";

    public const string AckLatencyName = "support.ack.latency";
    public const string QueueDepthName = "support.queue.depth";
    public const string SweepActionsName = "support.sweep.actions";
    public const string SlaBreachesName = "support.sla.breaches";
    public const string CsatAnswersName = "support.csat.answers";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> AckLatency = Meter.CreateHistogram<double>(
        AckLatencyName, "s", "From the webhook accepting an email to SendGrid accepting its acknowledgment.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    private static readonly Counter<long> SweepActions = Meter.CreateCounter<long>(SweepActionsName, "{action}", "Actions the SLA sweeps performed, by sweep and action.");

    private static readonly Counter<long> SlaBreaches = Meter.CreateCounter<long>(SlaBreachesName, "{breach}", "Targets that passed 100% of their time unmet (the first escalation level at or past 100%), by target and priority.");

    private static readonly Counter<long> CsatAnswers = Meter.CreateCounter<long>(CsatAnswersName, "{answer}", "Satisfaction survey answers recorded, by rating.");

    /// <summary>
    /// Starts a consumer span that continues the trace named by <paramref name="carrier"/> (the producer's), with the
    /// carrier's baggage; without one it continues whatever is current. The host's own invocation span, if any, is linked.
    /// </summary>
    public static Activity? StartConsumer(string name, TraceCarrier? carrier)
    {
        if (carrier is null || !carrier.TryGetContext(out var parent))
        {
            return Source.StartActivity(name, ActivityKind.Consumer);
        }

        ActivityLink[]? links = Activity.Current is { } host ? [new ActivityLink(host.Context)] : null;
        var activity = Source.StartActivity(name, ActivityKind.Consumer, parent, links: links);
        foreach (var (key, value) in carrier.BaggageItems())
        {
            activity?.SetBaggage(key, value);
        }

        return activity;
    }

    /// <summary>An outbox row was sent: an acknowledgment records its latency from the webhook's acceptance.</summary>
    public static void EmailSent(OutboxItem item, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(item);
        var activity = Activity.Current;
        if (item.Kind == OutboxEmails.AckKind
            && activity?.GetBaggageItem(AcceptedAtBaggage) is { } accepted
            && long.TryParse(accepted, NumberStyles.Integer, CultureInfo.InvariantCulture, out var acceptedMs))
        {
            var seconds = (sentAt - DateTimeOffset.FromUnixTimeMilliseconds(acceptedMs)).TotalSeconds;
            AckLatency.Record(Math.Max(0, seconds));
        }
    }

    /// <summary>A sweep acted on a ticket: one count per action, and a breach for each target that just passed 100%.</summary>
    public static void SweepActed(string sweep, IReadOnlyList<SlaAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            SweepActions.Add(1, new("sweep", sweep), new("action", action.GetType().Name));
            if (action is EscalationFired { Breached: true } fired)
            {
                SlaBreaches.Add(1, new("target", fired.Target.ToString()), new("priority", fired.PriorityBefore.ToString()));
            }
        }
    }

    public static void CsatAnswered(SurveyRating rating) => CsatAnswers.Add(1, new KeyValuePair<string, object?>("rating", rating.ToString()));
}
