using ServerlessSupport.Core.Intake;
using Azure.Data.Tables;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Intake;

/// <summary>
/// Table IntakeRecords, one partition: quarantined payloads, unthreaded automatic mail and poison messages. The row key is
/// the record id (derived from the payload's blob name), so recording the same thing twice writes one row.
/// </summary>
internal sealed class TableIntakeRecords(TableClient table) : IIntakeRecords
{
    private const string Partition = "records";

    public async Task RecordAsync(IntakeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(Partition, record.Id)
        {
            ["Kind"] = record.Kind,
            ["At"] = record.At,
            ["Reason"] = record.Reason.Length > 4_000 ? record.Reason[..4_000] : record.Reason,
            ["Blob"] = record.Blob,
            ["From"] = record.From,
            ["Subject"] = record.Subject is { Length: > 1_000 } s ? s[..1_000] : record.Subject,
        };
        await table.UpsertEntityAsync(entity.WithoutNulls(), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<IntakeRecord>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var top = Math.Clamp(max, 1, 1000);
        var records = new List<TableEntity>(top);
        await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), maxPerPage: top, cancellationToken: cancellationToken).AsPages())
        {
            records.AddRange(page.Values.Take(top - records.Count));
            if (records.Count >= top)
            {
                break;
            }
        }

        return records
            .Select(e => new IntakeRecord(e.RowKey, e.GetString("Kind") ?? string.Empty, e.GetDateTimeOffset("At") ?? default, e.GetString("Reason") ?? string.Empty, e.GetString("Blob"), e.GetString("From"), e.GetString("Subject")))
            .OrderByDescending(r => r.At)
            .ToList();
    }
}
