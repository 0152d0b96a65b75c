using System.Text;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Templates;

namespace ServerlessSupport.Functions.Sla;

/// <summary>
/// The survey page as an HTTP answer: status by outcome, and headers that keep the token to this page (no referrer, no
/// caching, no framing) and forbid any script.
/// </summary>
internal static class SurveyPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IResult For(HttpRequest request, SurveyOutcome outcome, string? token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outcome);
        var (status, kind) = outcome.Kind switch
        {
            SurveyOutcomeKind.Open => (StatusCodes.Status200OK, SurveyPageKind.Form),
            SurveyOutcomeKind.Recorded => (StatusCodes.Status200OK, SurveyPageKind.Thanks),
            SurveyOutcomeKind.AlreadyRecorded => (StatusCodes.Status200OK, SurveyPageKind.AlreadyRecorded),
            SurveyOutcomeKind.Expired => (StatusCodes.Status410Gone, SurveyPageKind.Expired),
            SurveyOutcomeKind.Superseded => (StatusCodes.Status410Gone, SurveyPageKind.Superseded),
            _ => (StatusCodes.Status400BadRequest, SurveyPageKind.Invalid),
        };

        var html = SurveyPageTemplate.Render(new SurveyPageModel(
            kind,
            outcome.Language,
            outcome.Ticket,
            outcome.Rating ?? SurveyRating.Good,
            kind == SurveyPageKind.Form ? Uri.EscapeDataString(token ?? string.Empty) : string.Empty,
            SurveyRecorder.MaxCommentLength));

        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
        headers.ContentLanguage = outcome.Language;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
