using Azure;
using Azure.Data.Tables;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Intake;

/// <summary>
/// Table Senders: one row per address (PartitionKey = hash prefix, RowKey = hash) counting automatic replies in a fixed
/// window. Updates are ETag-guarded so two instances cannot both take the last slot. A sender's first mail costs one
/// call (the insert); a known sender's costs three (the refused insert, the read, the update).
/// </summary>
internal sealed class TableSenderThrottle(TableClient table, TimeProvider time, AutoReplyLimit limit) : ISenderThrottle
{
    public async Task<bool> TryConsumeAsync(string address, CancellationToken cancellationToken)
    {
        var hash = KeyHash.Of(address);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var now = time.GetUtcNow();
            var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % limit.Window.Ticks), TimeSpan.Zero);
            try
            {
                // Most new tickets come from senders without a row: insert first, read only when one exists.
                if (attempt == 0 && await TryAddAsync(NewWindow(hash, address, windowStart), cancellationToken))
                {
                    return true;
                }

                var row = await table.GetOrNullAsync(KeyHash.Partition(hash), hash, null, cancellationToken);
                if (row is null)
                {
                    await table.AddEntityAsync(NewWindow(hash, address, windowStart), cancellationToken);
                    return true;
                }

                if (row.GetDateTimeOffset("WindowStart") != windowStart)
                {
                    await table.UpdateEntityAsync(NewWindow(hash, address, windowStart), row.ETag, TableUpdateMode.Replace, cancellationToken);
                    return true;
                }

                var count = row.GetInt32("Count") ?? 0;
                if (count >= limit.PerSender)
                {
                    return false;
                }

                row["Count"] = count + 1;
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance counted at the same moment; read again.
            }
        }

        return false;
    }

    private async Task<bool> TryAddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private static TableEntity NewWindow(string hash, string address, DateTimeOffset windowStart) => new(KeyHash.Partition(hash), hash)
    {
        ["Address"] = address,
        ["WindowStart"] = windowStart,
        ["Count"] = 1,
    };
}
