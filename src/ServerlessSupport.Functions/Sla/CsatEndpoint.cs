using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Sla;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Sla;

/// <summary>
/// GET /api/csat/{token} (anonymous): the survey's one-click links. The token is signed and expiring; the answer is recorded
/// on the ticket once (first answer wins). Answers a small HTML page; nothing from the request is echoed back.
/// </summary>
internal sealed class CsatEndpoint(SurveyRecorder recorder)
{
    [Function("Csat")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "csat/{token}")] HttpRequest request, string token,
        CancellationToken cancellationToken) =>
        HandleAsync(token, cancellationToken).AsAction();

    private async Task<IResult> HandleAsync(string? token, CancellationToken cancellationToken)
    {
        var outcome = await recorder.RecordAsync(token, cancellationToken);
        if (outcome is { Kind: SurveyOutcomeKind.Recorded, Rating: { } rating })
        {
            SupportTelemetry.CsatAnswered(rating);
        }

        return outcome.Kind switch
        {
            SurveyOutcomeKind.Recorded => Page(StatusCodes.Status200OK, "Thank you!", "Your answer has been recorded. Thank you for helping us improve."),
            SurveyOutcomeKind.AlreadyRecorded => Page(StatusCodes.Status200OK, "Already recorded", "We already have your answer for this ticket. Thank you!"),
            SurveyOutcomeKind.Expired => Page(StatusCodes.Status410Gone, "Link expired", "This survey link has expired. If you still need help, just reply to our last email."),
            _ => Page(StatusCodes.Status400BadRequest, "Invalid link", "This survey link is not valid. Please use the link from the email exactly as it was sent."),
        };
    }

    private static IResult Page(int status, string title, string message)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title></head>
            <body style="font-family: sans-serif; line-height: 1.5; max-width: 36em; margin: 3em auto">
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p>{WebUtility.HtmlEncode(message)}</p>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
