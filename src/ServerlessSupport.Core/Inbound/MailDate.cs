using System.Globalization;

namespace ServerlessSupport.Core.Inbound;

/// <summary>Parses RFC 5322 dates (with the obsolete zone names and two-digit years) and, for JSON clients, ISO 8601.</summary>
internal static class MailDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5,
        ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
    };

    public static DateTimeOffset? Parse(string? value) => TryParse(value, out var date) ? date : null;

    public static bool TryParse(string? value, out DateTimeOffset date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
        {
            return false;
        }

        var text = RemoveComments(value).Trim();
        if (text.Length > 0 && char.IsAsciiDigit(text[0]) && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            return true;
        }

        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            text = text[(comma + 1)..];
        }

        var parts = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4)
        {
            return false;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || parts[1].Length < 3
            || Array.IndexOf(Months, parts[1][..3].ToLowerInvariant()) is var monthIndex && monthIndex < 0
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        year = parts[2].Length switch
        {
            2 => year < 50 ? 2000 + year : 1900 + year,
            3 => 1900 + year,
            _ => year,
        };

        var time = parts[3].Split(':');
        if (time.Length is < 2 or > 3
            || !int.TryParse(time[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(time[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minute))
        {
            return false;
        }

        var second = 0;
        if (time.Length == 3 && !int.TryParse(time[2], NumberStyles.None, CultureInfo.InvariantCulture, out second))
        {
            return false;
        }

        var offset = parts.Length > 4 ? ParseZone(parts[4]) : TimeSpan.Zero;
        if (offset is null)
        {
            return false;
        }

        try
        {
            date = new DateTimeOffset(year, monthIndex + 1, day, hour, minute, Math.Min(second, 59), offset.Value);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static TimeSpan? ParseZone(string zone)
    {
        if (zone.Length == 5 && zone[0] is '+' or '-'
            && int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && hours <= 14 && minutes < 60)
        {
            var span = new TimeSpan(hours, minutes, 0);
            return zone[0] == '-' ? -span : span;
        }

        // Obsolete names; military and unknown zones mean "unknown", i.e. -0000 (RFC 5322 §4.3).
        return ZoneHours.TryGetValue(zone, out var named) ? TimeSpan.FromHours(named) : TimeSpan.Zero;
    }

    private static string RemoveComments(string value)
    {
        var open = value.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? value : value[..open];
    }
}
