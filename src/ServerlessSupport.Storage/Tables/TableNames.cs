using System.Text.RegularExpressions;

namespace ServerlessSupport.Storage.Tables;

/// <summary>The naming rules of the Table service, checked before any I/O so a bad name fails where it is made.</summary>
internal static partial class TableNames
{
    public const string PartitionKey = "PartitionKey";
    public const string RowKey = "RowKey";
    public const string Timestamp = "Timestamp";

    public static string ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (!TableNamePattern().IsMatch(tableName) || string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{tableName}' is not a legal table name (3-63 letters and digits, starting with a letter, not 'tables').", nameof(tableName));
        }

        return tableName;
    }

    /// <summary>Keys may not hold '/', '\', '#', '?' or control characters; the service would reject or misroute them.</summary>
    public static string ValidateKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"A {paramName} may not contain '/', '\\', '#', '?' or control characters.", paramName);
            }
        }

        return key;
    }

    public static string ValidatePropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!PropertyNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a legal property name (a letter or '_', then letters, digits or '_', at most 255).", nameof(name));
        }

        if (IsReserved(name))
        {
            throw new ArgumentException($"'{name}' is a reserved property name.", nameof(name));
        }

        return name;
    }

    public static bool IsReserved(string name) =>
        string.Equals(name, PartitionKey, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, RowKey, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, Timestamp, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyNamePattern();
}
