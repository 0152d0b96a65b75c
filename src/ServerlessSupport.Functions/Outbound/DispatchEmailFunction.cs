using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>Queue <c>outbound</c> → <see cref="DispatchEmailHandler"/>.</summary>
internal sealed partial class DispatchEmailFunction(DispatchEmailHandler handler, ILogger<DispatchEmailFunction> logger)
{
    [Function("DispatchEmail")]
    public async Task RunAsync([QueueTrigger(QueueNames.Outbound)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = QueueJson.Read(message, CoreJsonContext.Default.DispatchRequest);

        // Continues the trace of whoever queued the email (ProcessInbound, a sweep, an agent's command).
        using var activity = QueueSpan.Start("DispatchEmail", QueueNames.Outbound, message, request?.Trace);
        activity?.SetTag("support.ticket", request?.Ticket);
        activity?.SetTag("support.outbox", request?.Outbox);
        if (request is null)
        {
            LogNotARequest(logger, message.MessageId);
            return;
        }

        await handler.HandleAsync(request, cancellationToken);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Queue message {MessageId} on 'outbound' is not a dispatch request; skipped")]
    private static partial void LogNotARequest(ILogger logger, string messageId);
}
