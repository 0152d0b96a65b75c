using Azure;
using Azure.Data.Tables;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Agents;

/// <summary>
/// Table AgentKeys, partition "keys", row key = key id: Agent, Hash (SHA-256 of the secret, hex), CreatedAt, RevokedAt.
/// Several keys per deployment and per agent; revoking keeps the row (who had access when stays answerable).
/// </summary>
internal sealed class TableAgentKeyStore(TableClient table, TimeProvider time)
{
    public const string TableName = "AgentKeys";

    private const string Partition = "keys";

    private volatile bool _tableReady;

    public TableClient Table { get; } = table;

    public async Task<CreatedAgentKey> CreateAsync(string agent, CancellationToken cancellationToken)
    {
        if (!AgentKeyFormat.IsValidAgentName(agent))
        {
            throw new ArgumentException("An agent name is 1-64 letters, digits or . _ @ + - (starting with a letter or digit).", nameof(agent));
        }

        await EnsureTableAsync(cancellationToken);
        var (id, secret, key) = AgentKeyFormat.New();
        var created = new AgentKey(id, agent, time.GetUtcNow(), null);
        await Table.AddEntityAsync(
            new TableEntity(Partition, id)
            {
                ["Agent"] = agent,
                ["Hash"] = AgentKeyFormat.Hash(secret),
                ["CreatedAt"] = created.CreatedAt,
            },
            cancellationToken);
        return new CreatedAgentKey(created, key);
    }

    public async Task<IReadOnlyList<AgentKey>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var keys = new List<AgentKey>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            keys.Add(ToKey(entity));
        }

        return [.. keys.OrderBy(k => k.CreatedAt)];
    }

    /// <summary>Marks the key revoked; false when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await EnsureTableAsync(cancellationToken);
        var entity = await Table.GetOrNullAsync(Partition, id, null, cancellationToken);
        if (entity is null)
        {
            return false;
        }

        if (entity.GetDateTimeOffset("RevokedAt") is null)
        {
            var update = new TableEntity(Partition, id) { ["RevokedAt"] = time.GetUtcNow() };
            await Table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }

        return true;
    }

    /// <summary>The key the text names if it exists, is not revoked and its secret matches; else null (one table read).</summary>
    public async Task<AgentKey?> VerifyAsync(string? presented, CancellationToken cancellationToken)
    {
        if (!AgentKeyFormat.TryParse(presented, out var id, out var secret))
        {
            return null;
        }

        await EnsureTableAsync(cancellationToken);
        var entity = await Table.GetOrNullAsync(Partition, id, null, cancellationToken);
        if (entity is null || entity.GetString("Hash") is not { } hash || !AgentKeyFormat.Matches(secret, hash))
        {
            return null;
        }

        var key = ToKey(entity);
        return key.IsRevoked ? null : key;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableReady)
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            _tableReady = true;
        }
    }

    private static AgentKey ToKey(TableEntity e) =>
        new(e.RowKey, e.GetString("Agent") ?? string.Empty, e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("RevokedAt"));
}
