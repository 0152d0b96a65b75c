using System.Diagnostics;
using Azure.Storage.Queues.Models;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>The messaging attributes of a queue-triggered function's span (OpenTelemetry semantic conventions).</summary>
internal static class QueueSpan
{
    public static void Tag(Activity? activity, string queue, QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("messaging.system", "azure_queue_storage");
        activity.SetTag("messaging.operation.type", "process");
        activity.SetTag("messaging.destination.name", queue);
        activity.SetTag("messaging.message.id", message.MessageId);
        activity.SetTag("messaging.azure_queue.dequeue_count", message.DequeueCount);
    }
}
