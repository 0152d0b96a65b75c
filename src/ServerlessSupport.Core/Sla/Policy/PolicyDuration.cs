using System.Globalization;
using System.Text;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The policy file's duration format: whole numbers with units <c>d</c> (24 hours), <c>h</c> and <c>m</c>, largest unit
/// first, each at most once, no spaces: "30m", "8h", "1h30m", "2d", "1d12h". Days are only meaningful on a calendar clock;
/// the validator rejects them on a business clock (write "16h" for two 8-hour business days).
/// </summary>
internal static class PolicyDuration
{
    private const int MaxNumber = 1_000_000;

    public static bool TryParse(string? text, out TimeSpan value, out bool usesDays)
    {
        value = TimeSpan.Zero;
        usesDays = false;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var lastUnitRank = -1;
        var i = 0;
        while (i < text.Length)
        {
            var digitsStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == digitsStart || i - digitsStart > 7 || i == text.Length)
            {
                return false;
            }

            var number = int.Parse(text.AsSpan(digitsStart, i - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture);
            var rank = text[i] switch
            {
                'd' => 0,
                'h' => 1,
                'm' => 2,
                _ => -1,
            };
            if (rank <= lastUnitRank || number > MaxNumber)
            {
                return false;
            }

            lastUnitRank = rank;
            usesDays |= rank == 0;
            value += rank switch
            {
                0 => TimeSpan.FromDays(number),
                1 => TimeSpan.FromHours(number),
                _ => TimeSpan.FromMinutes(number),
            };
            i++;
        }

        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out _)
            ? value
            : throw new FormatException($"'{text}' is not a duration such as 30m, 8h, 1h30m or 2d.");

    /// <summary>Formats in the same notation (whole minutes); with <paramref name="useDays"/> false, never uses days.</summary>
    public static string Format(TimeSpan value, bool useDays = true)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Negate(), useDays);
        }

        var minutes = (long)value.TotalMinutes;
        if (minutes == 0)
        {
            return "0m";
        }

        var text = new StringBuilder();
        var days = useDays ? minutes / (24 * 60) : 0;
        var hours = (minutes - (days * 24 * 60)) / 60;
        var rest = minutes % 60;
        if (days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{days}d");
        }

        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (rest > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{rest}m");
        }

        return text.ToString();
    }
}
