using System.Collections.Concurrent;
using Azure.Data.Tables;
using ServerlessSupport.Core.Outbound;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Sla;
using ServerlessSupport.Storage.Tickets;

namespace ServerlessSupport.Bench;

/// <summary>
/// Seeds open tickets fast: every ticket row is its own partition (one insert each, many in flight); the due rows share
/// 128 partitions, so they go in entity-group batches of 100. The ticket rows record their due keys as the store would.
/// </summary>
internal sealed class Seeder(TableClient tickets, TableDueIndex due, SlaPlanner planner, int concurrency)
{
    public async Task SeedAsync(int total, int dueNow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dueRows = new ConcurrentDictionary<string, ConcurrentBag<TableEntity>>();
        var ticketRows = new TableEntity[total];
        for (var i = 0; i < total; i++)
        {
            // Urgent tickets count on the 24x7 calendar: opened 50 minutes ago, the 75% reminder (45 min) is due now;
            // opened 10 minutes ago, nothing is due for another 35 minutes.
            var created = now - TimeSpan.FromMinutes(i < dueNow ? 50 : 10);
            var ticket = planner.OnCreated(
                new Ticket
                {
                    Id = TicketId.New(),
                    Status = TicketStatus.Open,
                    Priority = Priority.Urgent,
                    Customer = new Mailbox($"customer{i}@example.com", $"Customer {i}"),
                    Subject = $"Benchmark ticket {i}",
                    CreatedAt = created,
                    UpdatedAt = created,
                    MessageCount = 1,
                    EventCount = 1,
                },
                created);
            var entries = DueSchedule.For(ticket);
            var state = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var entity = TableDueIndex.ToEntity(ticket.Id, entry);
                dueRows.GetOrAdd(entity.PartitionKey, _ => []).Add(entity);
                state[entity.RowKey] = string.Empty;
            }

            ticketRows[i] = TicketEntityMapper.ToEntity(ticket);
            ticketRows[i][TicketRows.DueRowsProperty] = DueRowState.Format(state);
        }

        // Azurite runs one request at a time: a few big batches in flight keep it busy without queueing them past the timeout.
        var batches = dueRows.Values.SelectMany(rows => rows.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, Options(Math.Min(concurrency, 4), cancellationToken), async (batch, ct) =>
            await due.Table.SubmitTransactionAsync([.. batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e))], ct));
        await Parallel.ForEachAsync(ticketRows, Options(concurrency, cancellationToken), async (row, ct) =>
            await tickets.AddEntityAsync(row, ct));
    }

    private static ParallelOptions Options(int parallelism, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
}
