using System.Text.RegularExpressions;

namespace ServerlessSupport.Core.Inbound;

/// <summary>
/// Finds the new part of a reply by cutting the quoted history: our own marker line, "On … wrote:" attributions (and
/// their German, French, Spanish, Dutch, Italian, Portuguese, Swedish, Danish/Norwegian forms), "-----Original Message-----"
/// separators, Outlook "From: / Sent:" header blocks, and a trailing block of "&gt;" lines. Inline replies between quotes
/// are kept. When nothing would be left, the full text is returned.
/// </summary>
internal static partial class QuotedHistory
{
    /// <summary>The line our outbound mail puts above its text; whatever a customer writes above it is the reply.</summary>
    public const string ReplyAboveMarker = "-- Reply above this line --";

    private const int MaxLines = 20_000;
    private const int AttributionSpan = 3;
    private const int MaxMarkerLineLength = 1000;

    /// <summary>The new part of the message (line endings normalised to LF, trailing blank lines removed).</summary>
    public static string Strip(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var lines = normalized.Split('\n');
        var limit = Math.Min(lines.Length, MaxLines);
        var cut = limit;

        for (var i = 0; i < limit; i++)
        {
            if (IsCutAt(lines, i, limit))
            {
                cut = i;
                break;
            }
        }

        cut = DropTrailingQuote(lines, cut);
        cut = DropSeparators(lines, cut);

        var result = string.Join('\n', lines, 0, cut).TrimEnd();
        return result.Trim().Length == 0 ? normalized.Trim() : result;
    }

    private static bool IsCutAt(string[] lines, int index, int limit)
    {
        var line = lines[index].Trim();
        if (line.Length is 0 or > MaxMarkerLineLength)
        {
            return false;
        }

        var unquoted = line.TrimStart('>', ' ', '\t');
        if (unquoted.Contains(ReplyAboveMarker, StringComparison.OrdinalIgnoreCase)
            || ReplyAboveOther().IsMatch(unquoted)
            || OriginalMessage().IsMatch(line))
        {
            return true;
        }

        if (IsAttribution(lines, index, limit))
        {
            return true;
        }

        return IsOutlookHeaderBlock(lines, index, limit) && !FollowsForwardMarker(lines, index);
    }

    // A forwarded message is content the sender wants us to read, not history.
    private static bool FollowsForwardMarker(string[] lines, int index)
    {
        for (var j = index - 1; j >= 0 && j >= index - 3; j--)
        {
            var previous = lines[j].Trim();
            if (previous.Length > 0)
            {
                return ForwardMarker().IsMatch(previous);
            }
        }

        return false;
    }

    // "On Mon, 5 Jan 2026 at 10:00, Jane <j@x> wrote:" — Gmail wraps long ones over two or three lines.
    private static bool IsAttribution(string[] lines, int index, int limit)
    {
        var line = lines[index].Trim();
        if (!AttributionStart().IsMatch(line))
        {
            return false;
        }

        var joined = line;
        for (var j = index; j < Math.Min(limit, index + AttributionSpan); j++)
        {
            if (j > index)
            {
                var next = lines[j].Trim();
                if (next.Length is 0 or > MaxMarkerLineLength)
                {
                    return false;
                }

                joined += " " + next;
            }

            if (AttributionEnd().IsMatch(joined))
            {
                // A date, time or address must be there: "On Monday my colleague wrote:" in prose is not a cut.
                return joined.Any(char.IsAsciiDigit) || joined.Contains('@', StringComparison.Ordinal);
            }
        }

        return false;
    }

    // Outlook/Exchange: "From: Jane" followed within a few lines by "Sent:"/"Date:" and "To:"/"Subject:".
    private static bool IsOutlookHeaderBlock(string[] lines, int index, int limit)
    {
        if (!HeaderFrom().IsMatch(lines[index].Trim()))
        {
            return false;
        }

        var sawDate = false;
        var sawOther = false;
        for (var j = index + 1; j < Math.Min(limit, index + 6); j++)
        {
            var next = lines[j].Trim();
            sawDate |= HeaderDate().IsMatch(next);
            sawOther |= HeaderOther().IsMatch(next);
        }

        return sawDate && sawOther;
    }

    // Removes a trailing block of "> " lines (blank lines may sit between them).
    private static int DropTrailingQuote(string[] lines, int cut)
    {
        var end = cut;
        while (end > 0 && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }

        var start = end;
        while (start > 0 && (lines[start - 1].TrimStart().StartsWith('>') || (lines[start - 1].Trim().Length == 0 && start < end)))
        {
            start--;
        }

        var quotedLines = 0;
        for (var i = start; i < end; i++)
        {
            if (lines[i].TrimStart().StartsWith('>'))
            {
                quotedLines++;
            }
        }

        return quotedLines == 0 ? cut : start;
    }

    // Separator lines left above the cut ("________", "-----", "--") are history furniture.
    private static int DropSeparators(string[] lines, int cut)
    {
        while (cut > 0)
        {
            var line = lines[cut - 1].Trim();
            if (line.Length == 0 || SeparatorLine().IsMatch(line))
            {
                cut--;
                continue;
            }

            break;
        }

        return cut;
    }

    [GeneratedRegex(@"^-{2,}\s*(original message|original message follows|ursprüngliche nachricht|message d'origine|message original|mensaje original|messaggio originale|oorspronkelijk bericht|originalmeddelande|mensagem original|original meddelelse|opprinnelig melding)\s*-{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(##-\s*please type your reply above this line\s*-##|-{2,}\s*please reply above this line\s*-{2,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex ReplyAboveOther();

    [GeneratedRegex(@"^(>\s*)?(On|Am|Le|El|Op|Il|Em|Den|Dne|W dniu|Pe|På)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"\b(wrote|writes|schrieb|a écrit|escribió|schreef|ha scritto|escreveu|skrev|napsal|napisał|a scris)\b[^:]{0,200}:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex AttributionEnd();

    [GeneratedRegex(@"^\*?(From|Von|De|Van|Da|Från|Fra|Od)\s*:\*?\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|Gesendet|Datum|Envoyé|Date d'envoi|Enviado|Verzonden|Inviato|Skickat|Sendt|Odesláno)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex HeaderDate();

    [GeneratedRegex(@"^\*?(To|Subject|An|Betreff|À|Objet|Para|Asunto|Aan|Onderwerp|A|Oggetto|Till|Ämne|Til|Emne|Cc)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex HeaderOther();

    [GeneratedRegex(@"(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|doorgestuurd bericht|messaggio inoltrato|mensagem encaminhada|vidarebefordrat meddelande)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex ForwardMarker();

    [GeneratedRegex(@"^(_{5,}|-{2,}|={5,})$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex SeparatorLine();
}
