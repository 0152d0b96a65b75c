using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessSupport.Core.Languages;

namespace ServerlessSupport.Core.Templates;

/// <summary>
/// The customer-facing texts in every supported language, from <c>Templates/Texts/{language}.json</c> (embedded): one
/// key per sentence, placeholders written <c>{name}</c>. Keeping them as data lets a translator work on one file; a test
/// checks every language has every key with the same placeholders as English. Values are plain text: the layout
/// escapes them for HTML.
/// </summary>
internal sealed class MailTexts
{
    private static readonly FrozenDictionary<string, MailTexts> ByLanguage =
        CustomerLanguages.Supported.ToFrozenDictionary(l => l, Load, StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, string> _texts;

    private MailTexts(string language, IReadOnlyDictionary<string, string> texts)
    {
        Language = language;
        Culture = CustomerLanguages.Culture(language);
        _texts = texts;
    }

    public string Language { get; }

    public CultureInfo Culture { get; }

    public IEnumerable<string> Keys => _texts.Keys;

    /// <summary>The texts of <paramref name="language"/>; English for a tag without templates (an old row, a bad value).</summary>
    public static MailTexts For(string? language) =>
        ByLanguage.TryGetValue(language ?? string.Empty, out var texts) ? texts : ByLanguage[CustomerLanguages.Fallback];

    /// <summary>The text of <paramref name="key"/> with each <c>{name}</c> replaced by its value.</summary>
    public string this[string key, params (string Name, string Value)[] values]
    {
        get
        {
            var text = _texts.TryGetValue(key, out var found) ? found : throw new KeyNotFoundException($"No text '{key}' for language '{Language}'.");
            if (values.Length == 0)
            {
                return text;
            }

            var builder = new StringBuilder(text);
            foreach (var (name, value) in values)
            {
                builder.Replace("{" + name + "}", value);
            }

            return builder.ToString();
        }
    }

    /// <summary>"Dienstag, 6. Januar, 11:00 Uhr (UTC+01:00)": the instant in <paramref name="offset"/>, as the language writes it.</summary>
    public string When(DateTimeOffset at, TimeSpan offset)
    {
        var local = at.ToOffset(offset);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var zone = offset == TimeSpan.Zero ? "UTC" : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{offset.Duration():hh\\:mm}");
        return local.ToString(this["when.pattern"], Culture) + $" ({zone})";
    }

    /// <summary>The instant in the customer's time: their own offset when their mail gave one, else <paramref name="zone"/>'s at that instant.</summary>
    public string When(DateTimeOffset at, TimeSpan? customerOffset, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return When(at, customerOffset ?? zone.GetUtcOffset(at));
    }

    /// <summary>
    /// "4 hours", "45 minutes", "2 days"; on a business clock "4 working hours", and whole multiples of
    /// <paramref name="businessDay"/> as "2 working days" (a business clock never counts calendar days).
    /// </summary>
    public string Duration(TimeSpan span, bool business = false, TimeSpan? businessDay = null)
    {
        if (business && businessDay is { } day && day > TimeSpan.Zero && span >= day && span.Ticks % day.Ticks == 0)
        {
            return Unit("unit.workingDay", span.Ticks / (double)day.Ticks);
        }

        return span.TotalMinutes < 90 ? Unit(business ? "unit.workingMinute" : "unit.minute", Math.Round(span.TotalMinutes))
            : span.TotalHours < 48 || business ? Unit(business ? "unit.workingHour" : "unit.hour", Math.Round(span.TotalHours, 1))
            : Unit("unit.day", Math.Round(span.TotalDays, 1));
    }

    private string Unit(string key, double n)
    {
        // French counts everything below two as one ("1,5 heure"); the others only one itself.
        var one = Language == "fr" ? n < 2 : Math.Abs(n - 1) < 0.05;
        var plural = one ? ".one" : ".other";
        return this[key + plural, ("n", n.ToString("0.#", Culture))];
    }

    private static MailTexts Load(string language)
    {
        var name = $"ServerlessSupport.Core.Templates.Texts.{language}.json";
        using var stream = typeof(MailTexts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The texts of language '{language}' ({name}) are not embedded.");
        var texts = JsonSerializer.Deserialize(stream, MailTextsJsonContext.Default.DictionaryStringString)
            ?? throw new InvalidDataException($"{name} is empty.");
        return new MailTexts(language, texts.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class MailTextsJsonContext : JsonSerializerContext;
