using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Storage.Outbound;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>GET /api/dev/outbox: the emails the local outbox kept (newest first, at most 200).</summary>
internal sealed class DevOutboxFunction(TableDevOutbox outbox)
{
    [Function("DevOutbox")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "dev/outbox")] HttpRequest request,
        CancellationToken cancellationToken) =>
        HandleAsync(cancellationToken).AsAction();

    private async Task<IResult> HandleAsync(CancellationToken cancellationToken)
    {
        var mails = await outbox.ListAsync(200, cancellationToken);
        return Results.Ok(mails.Select(m => new
        {
            at = m.At,
            to = m.To,
            cc = m.Cc,
            subject = m.Subject,
            contentLanguage = m.Headers.GetValueOrDefault("Content-Language"),
            headers = m.Headers,
            text = m.Text,
        }));
    }
}
