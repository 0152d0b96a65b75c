using System.Text.Json;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// The custom-handler invocation endpoints: the Functions host POSTs each queue or timer invocation to
/// <c>/{FunctionName}</c>. 200 means done (the host deletes the message); 500 means failed (the host makes the message
/// visible again and counts the dequeue toward the poison queue). HTTP functions are proxied raw, so not served here.
/// </summary>
internal static class CustomHandlerEndpoints
{
    public static void MapCustomHandlerInvocations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/{functionName}", InvokeAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> InvokeAsync(
        string functionName,
        HttpRequest request,
        FunctionCatalog catalog,
        FunctionInvoker invoker,
        IConfiguration configuration,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(CustomHandlerEndpoints).FullName!);
        var function = catalog.Find(functionName);
        if (function is null || function.Trigger is HttpFunctionTrigger)
        {
            HostingLog.InvocationUnknown(logger, functionName);
            return Reply(StatusCodes.Status404NotFound, $"Unknown function '{functionName}'.");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            HostingLog.InvocationBadPayload(logger, function.Name, ex.Message);
            return Reply(StatusCodes.Status400BadRequest, $"{function.Name}: the payload is not JSON.");
        }

        using (document)
        {
            Func<Task> run;
            try
            {
                // The payload is read before the handler runs, so a malformed one is a 400, not a handler failure.
                var now = time.GetUtcNow();
                switch (function.Trigger)
                {
                    case QueueFunctionTrigger queue:
                        var message = CustomHandlerPayload.ReadQueue(document.RootElement, queue, now);
                        run = () => invoker.InvokeQueueAsync(function, message, cancellationToken);
                        break;
                    case TimerFunctionTrigger timer:
                        var schedule = TimerScheduleResolver.Resolve(timer, configuration);
                        var tick = CustomHandlerPayload.ReadTimer(document.RootElement, timer, schedule, now);
                        run = () => invoker.InvokeTimerAsync(function, tick, cancellationToken);
                        break;
                    default:
                        throw new InvalidOperationException("Unreachable: HTTP functions are filtered above.");
                }
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                HostingLog.InvocationBadPayload(logger, function.Name, ex.Message);
                return Reply(StatusCodes.Status400BadRequest, $"{function.Name}: {ex.Message}");
            }

            try
            {
                await run();
            }
#pragma warning disable CA1031 // Any handler failure must become a 500 so the host retries; the process must not crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                HostingLog.InvocationFailed(logger, ex, function.Name);

                // Only the exception's type and first line: no stack trace, nothing from inner exceptions.
                var message = ex.Message.Split('\n', 2)[0].Trim();
                return Reply(StatusCodes.Status500InternalServerError, $"{function.Name} failed: {ex.GetType().Name}: {message}");
            }

            HostingLog.InvocationSucceeded(logger, function.Name);
            return Reply(StatusCodes.Status200OK, $"{function.Name} succeeded.");
        }
    }

    private static IResult Reply(int status, string log) =>
        Results.Json(CustomHandlerResponse.WithLogs(log), HostingJsonContext.Default.CustomHandlerResponse, statusCode: status);
}
