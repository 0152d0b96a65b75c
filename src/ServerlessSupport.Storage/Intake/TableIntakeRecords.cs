using Azure;
using Azure.Data.Tables;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Intake;

/// <summary>
/// Table IntakeRecords, one partition: quarantined payloads, unthreaded automatic mail and poison messages. The row key is
/// the record id (derived from the payload's blob name), so recording the same thing twice writes one row; an agent's
/// outcome (recovered or dismissed, by whom, when) is written on the row under its ETag.
/// </summary>
internal sealed class TableIntakeRecords(TableClient table) : IIntakeRecords
{
    private const string Partition = "records";

    public async Task RecordAsync(IntakeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Merge: a redelivered payload recorded again must not wipe an agent's decision.
        await table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Merge, cancellationToken);
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

        return records.Select(FromEntity).OrderByDescending(r => r.At).ToList();
    }

    public async Task<IntakeRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var entity = await table.GetOrNullAsync(Partition, id, null, cancellationToken);
        return entity is null ? null : FromEntity(entity);
    }

    public async Task<bool> TrySetOutcomeAsync(IntakeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await table.UpdateEntityAsync(ToEntity(record), record.Version is null ? ETag.All : new ETag(record.Version), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(IntakeRecord record) => new TableEntity(Partition, record.Id)
    {
        ["Kind"] = record.Kind,
        ["At"] = record.At,
        ["Reason"] = record.Reason.Length > 4_000 ? record.Reason[..4_000] : record.Reason,
        ["Blob"] = record.Blob,
        ["From"] = record.From,
        ["Subject"] = record.Subject is { Length: > 1_000 } s ? s[..1_000] : record.Subject,
        ["Outcome"] = record.Outcome,
        ["OutcomeBy"] = record.OutcomeBy,
        ["OutcomeAt"] = record.OutcomeAt,
        ["Ticket"] = record.Ticket,
    }.WithoutNulls();

    private static IntakeRecord FromEntity(TableEntity e) =>
        new(e.RowKey, e.GetString("Kind") ?? string.Empty, e.GetDateTimeOffset("At") ?? default, e.GetString("Reason") ?? string.Empty, e.GetString("Blob"), e.GetString("From"), e.GetString("Subject"))
        {
            Outcome = e.GetString("Outcome"),
            OutcomeBy = e.GetString("OutcomeBy"),
            OutcomeAt = e.GetDateTimeOffset("OutcomeAt"),
            Ticket = e.GetString("Ticket"),
            Version = e.ETag.ToString(),
        };
}
