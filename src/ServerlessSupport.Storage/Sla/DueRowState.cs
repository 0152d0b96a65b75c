using System.Text;

namespace ServerlessSupport.Storage.Sla;

/// <summary>
/// The ticket row's record of its due rows (<c>Ticket.DueIndexState</c>): one <c>rowKey TAB etag</c> line per row, so the
/// store knows what to delete without a query, and deletes a row only at the version it wrote.
/// </summary>
internal static class DueRowState
{
    public static Dictionary<string, string> Parse(string? state)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (state ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                rows[line[..tab]] = line[(tab + 1)..];
            }
        }

        return rows;
    }

    public static string? Format(IReadOnlyDictionary<string, string> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var (key, etag) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('\t').Append(etag).Append('\n');
        }

        return text.ToString();
    }
}
