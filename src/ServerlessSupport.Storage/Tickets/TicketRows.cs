namespace ServerlessSupport.Storage.Tickets;

/// <summary>Row keys inside a ticket's partition (docs/architecture.md, "Storage"). Zero-padded so rows sort in order.</summary>
internal static class TicketRows
{
    public const string TicketKey = "ticket";
    public const string MessagePrefix = "msg-";
    public const string EventPrefix = "evt-";
    public const string OutboxPrefix = "out-";
    public const string MarkerPrefix = "mid-";

    /// <summary>The ticket row's storage-only record of its due rows (see <see cref="Sla.DueRowState"/>).</summary>
    public const string DueRowsProperty = "DueRows";

    public static string Message(int sequence) => $"{MessagePrefix}{sequence:D6}";

    public static string Event(int sequence) => $"{EventPrefix}{sequence:D6}";

    public static string Outbox(int sequence) => $"{OutboxPrefix}{sequence:D6}";

    public static string Marker(string key) => MarkerPrefix + key;

    /// <summary>An OData filter for all rows whose key starts with <paramref name="prefix"/> in one partition.</summary>
    public static string RangeFilter(string partitionKey, string prefix) =>
        Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");
}
