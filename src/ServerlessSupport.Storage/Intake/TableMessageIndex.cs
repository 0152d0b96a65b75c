using Azure;
using Azure.Data.Tables;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Core.Tickets;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Intake;

/// <summary>Table MessageIds: PartitionKey = hash prefix, RowKey = hash of the normalised Message-ID, Ticket = the ticket id.</summary>
internal sealed class TableMessageIndex(TableClient table) : IMessageIndex
{
    private static readonly string[] TicketColumn = ["Ticket"];

    public async Task<TicketId?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        var hash = KeyHash.Of(Normalize(messageId));
        var entity = await table.GetOrNullAsync(KeyHash.Partition(hash), hash, TicketColumn, cancellationToken);
        return entity?.GetString("Ticket") is { } text && TicketId.TryParse(text, out var id) ? id : null;
    }

    public async Task<TicketId> ClaimAsync(string messageId, TicketId proposed, CancellationToken cancellationToken)
    {
        var hash = KeyHash.Of(Normalize(messageId));
        var entity = new TableEntity(KeyHash.Partition(hash), hash)
        {
            ["Ticket"] = proposed.ToString(),
            ["MessageId"] = messageId.Length > 2_000 ? messageId[..2_000] : messageId,
        };

        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await table.AddEntityAsync(entity, cancellationToken);
                return proposed;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                if (await FindAsync(messageId, cancellationToken) is { } existing)
                {
                    return existing;
                }
            }
        }

        throw new InvalidOperationException($"Message-ID claim for {hash} neither exists nor can be added.");
    }

    public async Task ReassignAsync(string messageId, TicketId from, TicketId to, CancellationToken cancellationToken)
    {
        var hash = KeyHash.Of(Normalize(messageId));
        var existing = await table.GetOrNullAsync(KeyHash.Partition(hash), hash, null, cancellationToken);
        if (existing?.GetString("Ticket") != from.ToString())
        {
            return;
        }

        existing["Ticket"] = to.ToString();
        await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>With or without angle brackets, one Message-ID is one key.</summary>
    private static string Normalize(string messageId) => MessageIds.Normalize(messageId) ?? messageId;
}
