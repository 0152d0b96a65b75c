using Azure;

namespace ServerlessSupport.Storage.Tables;

/// <summary>Addresses of tables and entities, with keys escaped so no key can change the address.</summary>
internal static class TableUris
{
    public static Uri Tables(Uri endpoint) => new(endpoint, "Tables");

    public static Uri Table(Uri endpoint, string tableName) => new(endpoint.AbsoluteUri + tableName);

    /// <summary>
    /// <c>{table}(PartitionKey='..',RowKey='..')</c>: a quote in a key is doubled (OData) and then the whole key is
    /// percent-encoded, so '+', '%', quotes and spaces reach the service as themselves.
    /// </summary>
    public static Uri Entity(Uri endpoint, string tableName, string partitionKey, string rowKey) =>
        new(endpoint.AbsoluteUri + tableName + "(PartitionKey='" + EscapeKey(partitionKey) + "',RowKey='" + EscapeKey(rowKey) + "')");

    /// <summary>The If-Match value: a default ETag means "any version".</summary>
    public static string IfMatch(ETag etag) => etag == default ? "*" : etag.ToString();

    private static string EscapeKey(string key) => Uri.EscapeDataString(TableFilter.Escape(key));
}
