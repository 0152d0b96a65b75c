using System.Buffers.Text;
using System.Text;

namespace ServerlessSupport.Storage.Tables;

/// <summary>
/// Packs the service's NextPartitionKey/NextRowKey continuation headers into one opaque, URL-safe token.
/// The header values never hold a line break, so one separates them.
/// </summary>
internal static class TableContinuation
{
    public static string? Encode(string? nextPartitionKey, string? nextRowKey) =>
        nextPartitionKey is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(nextPartitionKey + "\n" + (nextRowKey ?? string.Empty)));

    public static (string NextPartitionKey, string? NextRowKey) Decode(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token is not one this client made.", nameof(token), ex);
        }

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0)
        {
            throw new ArgumentException("The continuation token is not one this client made.", nameof(token));
        }

        var rowKey = text[(newline + 1)..];
        return (text[..newline], rowKey.Length == 0 ? null : rowKey);
    }
}
