using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Sla;

/// <summary>
/// POST /api/csat/{token} (anonymous: the signed token is the credential): the survey page's form
/// (<c>application/x-www-form-urlencoded</c>: <c>rating</c> good|bad, optional <c>comment</c>). Records the answer for the
/// token's resolution once and answers a thank-you page; a body over <see cref="MaxBodyBytes"/> is refused with 413.
/// </summary>
internal sealed class CsatAnswerFunction(SurveyRecorder recorder)
{
    public const int MaxBodyBytes = 16 * 1024;

    [Function("CsatAnswer")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "csat/{token}")] HttpRequest request, string token,
        CancellationToken cancellationToken) =>
        HandleAsync(request, token, cancellationToken).AsAction();

    private async Task<IResult> HandleAsync(HttpRequest request, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.Text("Send the survey page's form (application/x-www-form-urlencoded).", "text/plain; charset=utf-8", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            return Results.Text($"The form is larger than {MaxBodyBytes / 1024} KiB.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var form = QueryHelpers.ParseQuery(body);
        SurveyRating? rating = null;
        if (form.TryGetValue("rating", out var value) && value.Count > 0)
        {
            rating = SurveyTokens.ParseRating(value[0]);
            if (rating is null)
            {
                return Results.Text("rating must be good or bad.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        var comment = form.TryGetValue("comment", out var text) ? text.ToString() : null;
        var outcome = await recorder.RecordAsync(token, rating, comment, cancellationToken);
        return SurveyPage.For(request, outcome, token);
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
