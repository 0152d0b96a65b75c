using Azure.Data.Tables;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>
/// The team's recent first responses and resolutions: ticket rows answered (or solved) since an instant, filtered on the
/// service and reduced to three properties. A scan of ticket rows, so <see cref="TeamPace"/> caches it per instance and
/// asks at most every few minutes, never per email.
/// </summary>
internal sealed class TablePaceSamples(TableClient table) : IPaceSamples
{
    public Task<IReadOnlyList<PaceSample>> ReadFirstResponsesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadAsync("FirstRespondedAt", since, "FirstResponseTicks", "FirstResponsePriority", cancellationToken);

    public Task<IReadOnlyList<PaceSample>> ReadResolutionsSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadAsync("ResolvedAt", since, "ResolutionTicks", "ResolutionPriority", cancellationToken);

    private async Task<IReadOnlyList<PaceSample>> ReadAsync(string at, DateTimeOffset since, string ticksColumn, string priorityColumn, CancellationToken cancellationToken)
    {
        // The column is ours, not input: only the values go through the SDK's escaping.
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TicketRows.TicketKey}") + $" and {at} ge " + TableClient.CreateQueryFilter($"{since}");
        var samples = new List<PaceSample>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: [ticksColumn, priorityColumn, "Priority"], cancellationToken: cancellationToken))
        {
            if (e.GetInt64(ticksColumn) is { } ticks
                && Enum.TryParse<Priority>(e.GetString(priorityColumn) ?? e.GetString("Priority"), out var priority))
            {
                samples.Add(new PaceSample(priority, TimeSpan.FromTicks(ticks)));
            }
        }

        return samples;
    }
}
