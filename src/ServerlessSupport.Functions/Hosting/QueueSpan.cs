using System.Diagnostics;
using Azure.Storage.Queues.Models;
using ServerlessSupport.Core.Telemetry;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>A queue-triggered function's span, with the messaging attributes of OpenTelemetry's semantic conventions.</summary>
internal static class QueueSpan
{
    /// <summary>Starts the consumer span that continues the producer's trace (<paramref name="carrier"/>) and tags it.</summary>
    public static Activity? Start(string name, string queue, QueueMessage message, TraceCarrier? carrier)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = SupportTelemetry.StartConsumer(name, carrier);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("messaging.system", "azure_queue_storage");
        activity.SetTag("messaging.operation.type", "process");
        activity.SetTag("messaging.destination.name", queue);
        activity.SetTag("messaging.message.id", message.MessageId);
        activity.SetTag("messaging.azure_queue.dequeue_count", message.DequeueCount);
        return activity;
    }
}
