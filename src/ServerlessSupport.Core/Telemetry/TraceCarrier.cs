using System.Diagnostics;
using System.Text.Json.Serialization;

namespace ServerlessSupport.Core.Telemetry;

/// <summary>
/// The W3C trace context (and baggage) of the step that queued a message, carried inside the message so the step that
/// takes it continues the same trace (docs/architecture.md, "Telemetry"). Optional: messages from older producers, or
/// written with no trace running, have none.
/// </summary>
internal sealed record TraceCarrier(
    [property: JsonPropertyName(TraceCarrier.TraceParentField)] string TraceParent,
    [property: JsonPropertyName(TraceCarrier.TraceStateField)] string? TraceState = null,
    [property: JsonPropertyName(TraceCarrier.BaggageField)] string? Baggage = null)
{
    private const string TraceParentField = "traceparent";
    private const string TraceStateField = "tracestate";
    private const string BaggageField = "baggage";

    /// <summary>The older name of the baggage header, which the propagator may still ask for.</summary>
    private const string LegacyBaggageField = "Correlation-Context";

    /// <summary>W3C's limit for tracestate; baggage is kept short too, since it rides inside 64 KiB queue messages.</summary>
    private const int MaxStateLength = 512;
    private const int MaxBaggageLength = 1024;

    /// <summary>The running activity's context as the process's propagator writes it; null when no activity runs.</summary>
    public static TraceCarrier? FromCurrent()
    {
        if (Activity.Current is not { } activity)
        {
            return null;
        }

        string? parent = null, state = null, baggage = null;
        DistributedContextPropagator.Current.Inject(activity, null, (_, field, value) =>
        {
            switch (field)
            {
                case TraceParentField:
                    parent = value;
                    break;
                case TraceStateField:
                    state = value;
                    break;
                default:
                    // "baggage" (W3C) or "Correlation-Context" (the legacy propagator): the same list format.
                    baggage = value;
                    break;
            }
        });
        return parent is null ? null : new TraceCarrier(parent, Bounded(state, MaxStateLength), Bounded(baggage, MaxBaggageLength));
    }

    /// <summary>The remote parent this carrier names; false when its traceparent is malformed.</summary>
    public bool TryGetContext(out ActivityContext context) =>
        ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out context);

    /// <summary>The baggage items, decoded by the process's propagator.</summary>
    public IEnumerable<KeyValuePair<string, string?>> BaggageItems()
    {
        if (string.IsNullOrEmpty(Baggage))
        {
            return [];
        }

        var baggage = Baggage;
        return DistributedContextPropagator.Current.ExtractBaggage(null, (object? _, string field, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = field is BaggageField or LegacyBaggageField ? baggage : null;
        }) ?? [];
    }

    private static string? Bounded(string? value, int maxLength) => string.IsNullOrEmpty(value) || value.Length > maxLength ? null : value;
}
