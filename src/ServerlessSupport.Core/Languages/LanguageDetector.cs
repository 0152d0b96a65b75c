using MimeKit;
using ServerlessSupport.Core.Inbound;

namespace ServerlessSupport.Core.Languages;

/// <summary>
/// Picks the customer's language: the first offered tag of the mail's <c>Content-Language</c> header, else the language
/// its text reads as, else the policy's default.
/// <para>
/// The text detector is written here because no language-detection package is available to this project, and the
/// question is small: which of four languages, for a support email. It counts function words (articles, pronouns,
/// prepositions, greetings) that are frequent in one language and rare in the others; words two of the languages share
/// ("de", "la", "que", "es", "en", "a", "y", "nos", "am") are left out, so every hit is evidence. The text wins when it has at least
/// <see cref="MinimumHits"/> hits and the best language scores at least <see cref="MinimumLead"/> times the runner-up;
/// anything shorter or mixed falls back to the policy's default rather than guess.
/// </para>
/// </summary>
internal static class LanguageDetector
{
    public const int MinimumHits = 3;

    public const double MinimumLead = 1.5;

    /// <summary>Only the start of a long mail is read: the new text comes first, and it is enough.</summary>
    private const int MaxCharacters = 4_000;

    private static readonly Dictionary<string, HashSet<string>> StopWords = new(StringComparer.Ordinal)
    {
        ["en"] = Words("the and is are were you your have has had with this that for not but what can would please thanks thank of to my we our from when there they been just any how why could should which about it i do does did get got after before"),
        ["de"] = Words("der die das und ist nicht ich mit sie ein eine einen einem auf für sich auch dem den zu von bei nach wie wir ihr mein meine meinen aber oder bitte danke können kann habe haben wurde noch schon nur über mir mich sehr heute seit keine kein wenn dass hallo grüße gerne leider wieder immer"),
        ["fr"] = Words("les et est une je vous nous pas qui dans pour sur avec ce cette mais ou ma mes votre vos merci bonjour ne plus très être avoir ai il elle au aux aussi depuis quand fait peut suis sont été cordialement toujours encore"),
        ["es"] = Words("el los las una por para con mi mis su sus del al lo pero como está están estoy tengo tiene hola gracias favor muy también cuando hay ya sí desde porque puede puedo saludos ayuda todavía"),
    };

    /// <summary>The language for a new ticket from <paramref name="email"/> (see the class summary for the order).</summary>
    public static LanguageChoice Choose(InboundEmail email, LanguagePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(policy);
        if (FromContentLanguage(email.Headers[HeaderId.ContentLanguage], policy) is { } declared)
        {
            return new LanguageChoice(declared, LanguageSource.ContentLanguage);
        }

        var text = string.IsNullOrWhiteSpace(email.DisplayText) ? email.Text : email.DisplayText;
        return Detect(email.Subject + "\n" + text, policy) is { } detected
            ? new LanguageChoice(detected, LanguageSource.Detected)
            : new LanguageChoice(policy.Default, LanguageSource.PolicyDefault);
    }

    /// <summary>The first tag of a <c>Content-Language</c> value ("de-DE, en") that the policy offers.</summary>
    public static string? FromContentLanguage(string? header, LanguagePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        return header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(tag => CustomerLanguages.Normalize(tag.Split(';')[0]))
            .FirstOrDefault(policy.Offers);
    }

    /// <summary>The offered language <paramref name="text"/> reads as, or null when the evidence is too thin or mixed.</summary>
    public static string? Detect(string? text, LanguagePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var scores = policy.Offered.Where(StopWords.ContainsKey).ToDictionary(l => l, _ => 0, StringComparer.Ordinal);
        foreach (var word in Tokens(text.Length > MaxCharacters ? text[..MaxCharacters] : text))
        {
            foreach (var (language, words) in StopWords)
            {
                if (scores.ContainsKey(language) && words.Contains(word))
                {
                    scores[language]++;
                }
            }
        }

        var ranked = scores.OrderByDescending(s => s.Value).ToList();
        if (ranked.Count == 0 || ranked[0].Value < MinimumHits)
        {
            return null;
        }

        var runnerUp = ranked.Count > 1 ? ranked[1].Value : 0;
        return ranked[0].Value >= runnerUp * MinimumLead ? ranked[0].Key : null;
    }

    /// <summary>Lower-case words: runs of letters (an apostrophe splits "j'ai" into "j" and "ai").</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static HashSet<string> Words(string list) => new(list.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
