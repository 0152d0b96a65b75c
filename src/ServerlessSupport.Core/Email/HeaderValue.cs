using System.Text;

namespace ServerlessSupport.Core.Email;

/// <summary>Makes untrusted text safe to put in an outbound header value (no header injection, no control characters).</summary>
internal static class HeaderValue
{
    /// <summary>RFC 5322 line limit; also the default cap for one value.</summary>
    public const int DefaultMaxLength = 998;

    /// <summary>
    /// Turns CR, LF, tabs and every other control or line/paragraph separator (U+0085, U+2028, U+2029) into spaces, drops
    /// unpaired surrogates, collapses whitespace runs to one space, trims, and cuts to <paramref name="maxLength"/>
    /// without splitting a surrogate pair. Null gives an empty string.
    /// </summary>
    public static string Sanitize(string? value, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (string.IsNullOrEmpty(value) || maxLength == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        var pendingSpace = false;
        for (var i = 0; i < value.Length && builder.Length < maxLength; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (builder.Length + (pendingSpace ? 3 : 2) > maxLength)
                {
                    break;
                }

                AppendPendingSpace();
                builder.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            AppendPendingSpace();
            if (builder.Length < maxLength)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().TrimEnd();

        void AppendPendingSpace()
        {
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
        }
    }
}
