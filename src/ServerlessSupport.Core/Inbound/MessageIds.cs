using System.Text;
using MimeKit.Utils;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Message-ID, In-Reply-To and References values. MimeKit reads them (<see cref="MimeUtils"/>); this keeps the one form
/// the pipeline stores and compares: without angle brackets, compared ordinal-ignore-case (<see cref="Comparer"/>).
/// </summary>
internal static class MessageIds
{
    /// <summary>At most this many ids are kept from one field (the newest, which are last in References).</summary>
    public const int MaxIds = 100;

    /// <summary>Longer ids are ignored.</summary>
    public const int MaxIdLength = 998;

    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Every id in a References-style value, normalised, duplicates dropped, in order, the newest <see cref="MaxIds"/>.</summary>
    public static IReadOnlyList<string> Parse(string? value)
        => string.IsNullOrWhiteSpace(value) ? [] : Distinct(MimeUtils.EnumerateReferences(value));

    /// <summary>The first id in the value, or null.</summary>
    public static string? ParseSingle(string? value)
        => string.IsNullOrWhiteSpace(value) ? null : Normalize(MimeUtils.ParseMessageId(value));

    /// <summary>Ids as MimeKit parsed them (or as a JSON client listed them), normalised, de-duplicated, the newest kept.</summary>
    public static IReadOnlyList<string> Distinct(IEnumerable<string?> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = new List<string>();
        var seen = new HashSet<string>(Comparer);
        foreach (var candidate in ids)
        {
            if (Normalize(candidate) is { } id && seen.Add(id))
            {
                list.Add(id);
            }
        }

        return list.Count > MaxIds ? list[^MaxIds..] : list;
    }

    /// <summary>Trims brackets and removes whitespace (folded long ids); null when nothing usable is left.</summary>
    public static string? Normalize(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var builder = new StringBuilder(id.Length);
        foreach (var c in id.AsSpan().Trim().Trim("<>"))
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && c is not ('<' or '>'))
            {
                builder.Append(c);
            }
        }

        return builder.Length is 0 or > MaxIdLength ? null : builder.ToString();
    }

    /// <summary>An id as written in a header: <c>&lt;id&gt;</c>.</summary>
    public static string Format(string id)
        => "<" + (Normalize(id) ?? throw new ArgumentException("Not a message id.", nameof(id))) + ">";
}
