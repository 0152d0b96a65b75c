using ServerlessSupport.Core.Languages;
using ServerlessSupport.Core.Sla.Policy.Json;

namespace ServerlessSupport.Core.Sla.Policy;

/// <summary>
/// The <c>languages</c> section: the languages customers are written to in, and the default. Left out: every language
/// that has templates (<see cref="LanguagePolicy.AllSupported"/>).
/// </summary>
internal sealed class LanguagesReader(PolicyReading reading)
{
    public LanguagePolicy Read(LanguagesDocument? languages)
    {
        if (languages is null)
        {
            return LanguagePolicy.AllSupported;
        }

        var offered = new List<string>();
        var supported = string.Join(", ", CustomerLanguages.Supported);
        if (languages.Offered is null || languages.Offered.Count == 0)
        {
            reading.Error("languages.offered", $"is required and needs at least one language ({supported})");
        }

        for (var i = 0; i < (languages.Offered?.Count ?? 0); i++)
        {
            var tag = languages.Offered![i];
            if (!CustomerLanguages.IsSupported(tag))
            {
                reading.Error($"languages.offered[{i}]", $"'{tag}' has no templates; supported languages are {supported} (lower-case tags)");
            }
            else if (offered.Contains(tag!, StringComparer.Ordinal))
            {
                reading.Error($"languages.offered[{i}]", $"'{tag}' is listed twice");
            }
            else
            {
                offered.Add(tag!);
            }
        }

        // Without a default the first offered language is the default.
        var fallback = offered.Count > 0 ? offered[0] : CustomerLanguages.Fallback;
        if (languages.Default is null)
        {
            return new LanguagePolicy(offered.Count > 0 ? offered : CustomerLanguages.Supported, fallback);
        }

        if (!offered.Contains(languages.Default, StringComparer.Ordinal))
        {
            reading.Error("languages.default", $"'{languages.Default}' is not one of languages.offered ({string.Join(", ", offered)})");
            return new LanguagePolicy(offered.Count > 0 ? offered : CustomerLanguages.Supported, fallback);
        }

        return new LanguagePolicy(offered, languages.Default);
    }
}
