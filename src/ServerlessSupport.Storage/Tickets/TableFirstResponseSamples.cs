using Azure.Data.Tables;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>
/// The first responses of the realistic promise's window: ticket rows first answered since an instant, filtered on the
/// service and reduced to three properties. A scan of ticket rows, so <see cref="TeamPace"/> caches it per instance and
/// asks at most every few minutes, never per email.
/// </summary>
internal sealed class TableFirstResponseSamples(TableClient table) : IFirstResponseSamples
{
    private static readonly string[] Columns = ["FirstResponseTicks", "FirstResponsePriority", "Priority"];

    public async Task<IReadOnlyList<FirstResponseSample>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TicketRows.TicketKey} and FirstRespondedAt ge {since}");
        var samples = new List<FirstResponseSample>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: cancellationToken))
        {
            if (e.GetInt64("FirstResponseTicks") is { } ticks
                && Enum.TryParse<Priority>(e.GetString("FirstResponsePriority") ?? e.GetString("Priority"), out var priority))
            {
                samples.Add(new FirstResponseSample(priority, TimeSpan.FromTicks(ticks)));
            }
        }

        return samples;
    }
}
