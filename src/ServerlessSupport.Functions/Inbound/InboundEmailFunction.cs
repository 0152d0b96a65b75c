using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Storage;

namespace ServerlessSupport.Functions.Inbound;

/// <summary>
/// POST /api/inbound/{sendgrid|json}. SendGrid retries only 5xx and drops mail on a 4xx, so: 401 without a valid key or
/// signature, 413 over 30 MB, 503 when storage fails (retry), and 200 for everything stored — including payloads that could
/// not be validated, which go to quarantine rather than being refused.
/// </summary>
internal sealed partial class InboundEmailFunction(
    AcceptInboundHandler accept,
    InboundSignatureVerifier signatures,
    ILogger<InboundEmailFunction> logger)
{
    public const long MaxBodyBytes = 30L * 1024 * 1024;

    private static readonly TimeSpan StorageBudget = TimeSpan.FromSeconds(20);

    [Function("InboundEmail")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "inbound/{kind}")] HttpRequest request, string kind,
        CancellationToken cancellationToken) =>
        TracedAsync(request.HttpContext, kind, cancellationToken).AsAction();

    /// <summary>The webhook's span, under the host's HTTP request span: the start of the email's trace.</summary>
    private async Task<IResult> TracedAsync(HttpContext context, string? kind, CancellationToken cancellationToken)
    {
        using var activity = SupportTelemetry.Source.StartActivity("InboundEmail");
        activity?.SetTag("http.request.method", context.Request.Method);
        activity?.SetTag("url.path", context.Request.Path.Value);
        var result = await HandleAsync(context, kind, cancellationToken);
        if (activity is not null && result is IStatusCodeHttpResult { StatusCode: { } status })
        {
            activity.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        return result;
    }


    private async Task<IResult> HandleAsync(HttpContext context, string? kind, CancellationToken cancellationToken)
    {
        var format = kind?.ToLowerInvariant() switch
        {
            "sendgrid" => InboundQueueMessage.SendGridFormat,
            "json" => InboundQueueMessage.JsonFormat,
            _ => null,
        };
        if (format is null)
        {
            return Results.NotFound(new { error = "Unknown inbound format; use /api/inbound/sendgrid or /api/inbound/json." });
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = MaxBodyBytes + 1;
        }

        var body = await InboundBody.ReadAsync(context.Request.Body, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }

        if (!signatures.Verify(context.Request.Headers, body.Value.Span))
        {
            return Results.Text("The SendGrid webhook signature is missing or invalid.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // A stalled storage call must not hold the sender past its own timeout: answer 503 in time so it retries.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(StorageBudget);
        try
        {
            var accepted = await accept.AcceptAsync(format, context.Request.ContentType ?? string.Empty, body.Value, budget.Token);
            Activity.Current?.SetTag("support.intake_id", accepted.IntakeId);
            return Results.Ok(new { status = accepted.Quarantined ? "quarantined" : "accepted", id = accepted.IntakeId });
        }
        catch (Exception ex) when (StorageFaults.IsStorageFault(ex, cancellationToken))
        {
            LogStorageFailed(logger, ex.GetType().Name, ex.Message);
            return Results.Text("Storage is unavailable; please retry.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult TooLarge() =>
        Results.Text($"The body is larger than {MaxBodyBytes / (1024 * 1024)} MB.", statusCode: StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Inbound payload not stored ({Error}: {Message}); answering 503 so the sender retries")]
    private static partial void LogStorageFailed(ILogger logger, string error, string message);
}
