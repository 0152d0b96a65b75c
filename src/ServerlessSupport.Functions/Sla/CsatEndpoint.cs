using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Sla;

/// <summary>
/// GET and HEAD /api/csat/{token} (anonymous: the signed token is the credential): the survey link from a check-back
/// email. It only shows the survey page, in the customer's language, with the link's answer chosen; nothing is recorded
/// until the page's form is sent (<see cref="CsatAnswerFunction"/>), so mail scanners that open every link record nothing.
/// </summary>
internal sealed class CsatEndpoint(SurveyRecorder recorder)
{
    [Function("Csat")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "csat/{token}")] HttpRequest request, string token,
        CancellationToken cancellationToken) =>
        HandleAsync(request, token, cancellationToken).AsAction();

    private async Task<IResult> HandleAsync(HttpRequest request, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await recorder.InspectAsync(token, cancellationToken);
        return SurveyPage.For(request, outcome, token);
    }
}
