using System.Globalization;

namespace ServerlessSupport.Core.Languages;

/// <summary>
/// The languages customer mail can be written in: those with templates (docs/policy.md, "languages"). A tag is the
/// primary language subtag in lower case ("de" for "de-AT"); each maps to the culture its dates and times are written in.
/// </summary>
internal static class CustomerLanguages
{
    /// <summary>What a ticket stored before languages existed was written in, and the last resort.</summary>
    public const string Fallback = "en";

    public static IReadOnlyList<string> Supported { get; } = ["en", "de", "fr", "es"];

    public static bool IsSupported(string? tag) => tag is not null && Supported.Contains(tag, StringComparer.Ordinal);

    /// <summary>The culture dates and times are formatted in (Britain's English for "en": day before month).</summary>
    public static CultureInfo Culture(string tag) => CultureInfo.GetCultureInfo(tag switch
    {
        "de" => "de-DE",
        "fr" => "fr-FR",
        "es" => "es-ES",
        _ => "en-GB",
    });

    /// <summary>"de-AT" → "de", "EN_gb" → "en"; null for anything that is not a supported language tag.</summary>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return IsSupported(primary) ? primary : null;
    }
}
