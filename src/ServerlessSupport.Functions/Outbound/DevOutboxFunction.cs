using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Functions.Outbound;

/// <summary>GET /api/dev/outbox: the emails the local outbox kept (newest first, at most 200).</summary>
internal sealed class DevOutboxFunction(DevOutboxTable outbox) : IHttpFunction
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var page = await outbox.Table.QueryPageAsync(TableFilter.Format($"PartitionKey eq {LocalOutboxEmailSender.Partition}"), top: 200, cancellationToken: cancellationToken);
        return Results.Ok(page.Items.Select(e => new
        {
            at = e.GetDateTimeOffset("At"),
            to = e.GetString("To"),
            subject = e.GetString("Subject"),
            text = e.GetString("Text"),
        }));
    }
}

/// <summary>The DevOutbox table, named once for the sender and the endpoint.</summary>
internal sealed record DevOutboxTable(StorageTableClient Table);
