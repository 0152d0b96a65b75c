using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Storage.Outbound;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>GET /api/dev/outbox: the emails the local outbox kept (newest first, at most 200).</summary>
internal sealed class DevOutboxFunction(TableDevOutbox outbox) : IHttpFunction
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var mails = await outbox.ListAsync(200, cancellationToken);
        return Results.Ok(mails.Select(m => new { at = m.At, to = m.To, subject = m.Subject, text = m.Text }));
    }
}
