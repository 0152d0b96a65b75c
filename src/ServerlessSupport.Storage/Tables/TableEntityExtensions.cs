using Azure;
using Azure.Data.Tables;

namespace ServerlessSupport.Storage.Tables;

internal static class TableEntityExtensions
{
    /// <summary>
    /// Drops properties whose value is null before a write: an absent property is how the Table service spells "no
    /// value", and a replace removes what is not sent.
    /// </summary>
    public static TableEntity WithoutNulls(this TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        foreach (var key in entity.Keys.Where(k => entity[k] is null).ToList())
        {
            entity.Remove(key);
        }

        return entity;
    }

    /// <summary>The ETag a write answered with (every entity write returns one).</summary>
    public static ETag ETagOf(this Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.ETag ?? throw new InvalidOperationException($"The table service answered {response.Status} without an ETag.");
    }

    /// <summary>Every entity the filter matches, all pages (the SDK follows the continuation tokens), mapped to a record.</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(this TableClient table, string filter, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(map);
        var result = new List<T>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(map(entity));
        }

        return result;
    }

    /// <summary>One entity, or null when it does not exist (one point read).</summary>
    public static async Task<TableEntity?> GetOrNullAsync(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
