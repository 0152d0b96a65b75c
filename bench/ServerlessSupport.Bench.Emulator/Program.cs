using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using ServerlessSupport.Testing;

// Azurite's cost per operation as its stored data grows, one fresh emulator (load layout) per measurement, 16 clients
// in parallel. Each line: what was stored when the round ran, and the operations per second the round achieved.
// Azure Storage's own per-operation cost does not grow this way; these figures explain the load scenario's limits.
const int Parallelism = 16;
// Names given on the command line run only those measurements (e.g. `sweep_read_none_due`); none runs them all.
bool Wanted(string name) => args.Length == 0 || args.Contains(name, StringComparer.Ordinal);

await MeasureAsync("blob_put", "blobs", 10, 2_000, async (azurite, i, ct) =>
    await azurite.BlobService.GetBlobContainerClient("bench").GetBlobClient($"2026/11/22/{i:D8}.json").UploadAsync(new BinaryData(new byte[1_500]), ct),
    async azurite => await azurite.BlobService.GetBlobContainerClient("bench").CreateIfNotExistsAsync());

// Four due rows upserted in one batch into one partition: what each new ticket costs its due-index shard.
await MeasureAsync("due_batch_4_rows", "rows_in_partition", 10, 500, async (azurite, i, ct) =>
{
    var actions = Enumerable.Range(0, 4).Select(k => new TableTransactionAction(
        TableTransactionActionType.UpsertReplace,
        new TableEntity("due-000", string.Create(CultureInfo.InvariantCulture, $"20261123T{k:D2}0000Z-T{i:D8}-k{k}")) { ["Kind"] = "escalation" })).ToList();
    await azurite.TableService.GetTableClient("due").SubmitTransactionAsync(actions, ct);
}, async azurite => await azurite.TableService.GetTableClient("due").CreateIfNotExistsAsync(), stored: i => i * 4);

// An insert and an ETag-guarded replace per ticket partition, in one growing table: the Tickets table's write pattern.
await MeasureAsync("table_insert_update", "entities", 10, 20_000, async (azurite, i, ct) =>
{
    var table = azurite.TableService.GetTableClient("tickets");
    var entity = new TableEntity(string.Create(CultureInfo.InvariantCulture, $"T{i:D8}"), "ticket") { ["Status"] = "new", ["Subject"] = "Order has not arrived" };
    var added = await table.AddEntityAsync(entity, ct);
    entity["Status"] = "open";
    await table.UpdateEntityAsync(entity, added.Headers.ETag!.Value, TableUpdateMode.Replace, ct);
}, async azurite => await azurite.TableService.GetTableClient("tickets").CreateIfNotExistsAsync());

// A sweep with nothing due: one range query per due shard, 128 of them one after the other as SlaSweepHandler reads, while the
// Due table holds `rows` rows due later (a ticket's future deadlines). Azure serves each query from its partition's key
// range; Azurite evaluates every query against every row of the table, so a sweep's read grows with the whole table.
if (Wanted("sweep_read_none_due"))
{
    await using var azurite = await AzuriteProcess.StartAsync(AzuriteLayout.ForLoad);
    var due = azurite.TableService.GetTableClient("due");
    await due.CreateIfNotExistsAsync();
    // The bench's own instant: the rows are due a year after it, so the sweep at it finds none.
    var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    var seeded = 0;
    foreach (var rows in new[] { 0, 25_600, 51_200, 102_400 })
    {
        await FutureDueRows.WriteAsync(due, rows - seeded, now);
        seeded = rows;
        var watch = Stopwatch.StartNew();
        var found = await FutureDueRows.ReadAsSweepAsync(due, now);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep_read_none_due rows_in_table={rows} found={found} seconds={watch.Elapsed.TotalSeconds:0.00}"));
    }
}

// Put, receive and delete one message while `depth` others wait in the queue: a worker's cycle behind a backlog.
foreach (var depth in Wanted("queue_put_get_delete") ? new[] { 0, 1_000, 4_000, 8_000 } : [])
{
    await using var azurite = await AzuriteProcess.StartAsync(AzuriteLayout.ForLoad);
    var backlog = azurite.QueueService.GetQueueClient("backlog");
    var work = azurite.QueueService.GetQueueClient("work");
    await backlog.CreateIfNotExistsAsync();
    await work.CreateIfNotExistsAsync();
    await Parallel.ForAsync(0, depth, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (_, ct) => await backlog.SendMessageAsync("waiting", ct));
    const int Cycles = 1_000;
    var watch = Stopwatch.StartNew();
    await Parallel.ForAsync(0, Cycles, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (_, ct) =>
    {
        await work.SendMessageAsync("work", ct);
        foreach (var message in (await work.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1), ct)).Value)
        {
            await work.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        }
    });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queue_put_get_delete messages_waiting={depth} cycles_per_s={Cycles / watch.Elapsed.TotalSeconds:0}"));
}

return 0;

async Task MeasureAsync(
    string name, string unit, int rounds, int perRound, Func<AzuriteProcess, int, CancellationToken, Task> operation, Func<AzuriteProcess, Task> setup, Func<int, int>? stored = null)
{
    if (!Wanted(name))
    {
        return;
    }

    await using var azurite = await AzuriteProcess.StartAsync(AzuriteLayout.ForLoad);
    await setup(azurite);
    var done = 0;
    for (var round = 0; round < rounds; round++)
    {
        var before = done;
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(before, before + perRound, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, ct) => await operation(azurite, i, ct));
        done += perRound;
        if (round % 3 == 0 || round == rounds - 1)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {unit}={(stored ?? (n => n))(before)} ops_per_s={perRound / watch.Elapsed.TotalSeconds:0}"));
        }
    }
}
