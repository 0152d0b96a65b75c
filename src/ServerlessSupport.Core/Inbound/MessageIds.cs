using System.Text;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Message-ID, In-Reply-To and References values (RFC 5322 §3.6.4). Ids are stored without angle brackets and compared
/// ordinal-ignore-case (<see cref="Comparer"/>).
/// </summary>
internal static class MessageIds
{
    /// <summary>At most this many ids are kept from one field (the newest, which are last in References).</summary>
    public const int MaxIds = 100;

    /// <summary>Longer ids are ignored.</summary>
    public const int MaxIdLength = 998;

    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Every <c>&lt;id&gt;</c> in the value, brackets trimmed, duplicates and comments dropped, in order.</summary>
    public static IReadOnlyList<string> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var ids = new List<string>();
        var seen = new HashSet<string>(Comparer);
        var text = StripComments(value);

        if (text.Contains('<', StringComparison.Ordinal))
        {
            var position = 0;
            while (position < text.Length)
            {
                var open = text.IndexOf('<', position);
                if (open < 0)
                {
                    break;
                }

                var close = text.IndexOf('>', open + 1);
                if (close < 0)
                {
                    break;
                }

                Add(text[(open + 1)..close]);
                position = close + 1;
            }
        }
        else
        {
            // Broken mailers write bare ids; accept whitespace-separated words that look like ids.
            foreach (var word in text.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Contains('@', StringComparison.Ordinal))
                {
                    Add(word);
                }
            }
        }

        return ids.Count > MaxIds ? ids[^MaxIds..] : ids;

        void Add(string candidate)
        {
            var id = Normalize(candidate);
            if (id is not null && seen.Add(id))
            {
                ids.Add(id);
            }
        }
    }

    /// <summary>The first id in the value, or null.</summary>
    public static string? ParseSingle(string? value)
    {
        var ids = Parse(value);
        return ids.Count > 0 ? ids[0] : null;
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

    private static string StripComments(string value)
    {
        if (!value.Contains('(', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        var depth = 0;
        var inAngle = false;
        foreach (var c in value)
        {
            if (depth == 0 && c == '<')
            {
                inAngle = true;
            }
            else if (c == '>')
            {
                inAngle = false;
            }

            if (!inAngle && c == '(')
            {
                depth++;
                continue;
            }

            if (!inAngle && c == ')' && depth > 0)
            {
                depth--;
                continue;
            }

            if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
