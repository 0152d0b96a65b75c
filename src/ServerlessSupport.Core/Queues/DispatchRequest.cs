using System.Text.Json.Serialization;
using ServerlessSupport.Core.Telemetry;

namespace ServerlessSupport.Core.Queues;

/// <summary>
/// The message on queue <c>outbound</c>: which outbox row to send. The row, not the message, says whether it is still due.
/// <see cref="Trace"/> is the trace context of the step that queued it.
/// </summary>
internal sealed record DispatchRequest(
    string Ticket,
    int Outbox,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TraceCarrier? Trace = null);
