using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tickets;

internal static class TableQueryExtensions
{
    /// <summary>Every entity the filter matches (all pages), mapped to a domain record.</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(this StorageTableClient table, string filter, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var result = new List<T>();
        await foreach (var entity in table.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            result.Add(map(entity));
        }

        return result;
    }
}
