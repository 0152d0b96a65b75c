using System.Text.RegularExpressions;
using ServerlessSupport.Core.Languages;
using ServerlessSupport.Core.Templates;

namespace ServerlessSupport.Core.Tests.Templates;

public sealed partial class MailTextsTests
{
    private static readonly DateTimeOffset Tuesday = new(2026, 1, 6, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void Texts_EveryLanguage_HasEveryEnglishKeyWithTheSamePlaceholders(string language)
    {
        var english = MailTexts.For("en");
        var other = MailTexts.For(language);

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), other.Keys.Order(StringComparer.Ordinal));
        foreach (var key in english.Keys.Where(k => k != "when.pattern"))
        {
            Assert.True(Placeholders(english[key]).SetEquals(Placeholders(other[key])), $"{language} {key}: placeholders differ");
        }
    }

    [Theory]
    [InlineData("en", "Tuesday 6 January, 11:00 (UTC+01:00)")]
    [InlineData("de", "Dienstag, 6. Januar, 11:00 Uhr (UTC+01:00)")]
    [InlineData("fr", "mardi 6 janvier à 11:00 (UTC+01:00)")]
    [InlineData("es", "martes, 6 de enero, a las 11:00 (UTC+01:00)")]
    public void When_InTheCustomersOffset_WrittenAsTheLanguageWritesIt(string language, string expected) =>
        Assert.Equal(expected, MailTexts.For(language).When(Tuesday, TimeSpan.FromHours(1)));

    [Theory]
    [InlineData("en", 4, false, "4 working hours")]
    [InlineData("de", 4, false, "4 Arbeitsstunden")]
    [InlineData("fr", 1.5, false, "1,5 heure ouvrée")]
    [InlineData("es", 16, true, "2 días laborables")]
    [InlineData("de", 16, true, "2 Arbeitstagen")]
    public void Duration_BusinessTime_InWordsOfTheLanguage(string language, double hours, bool inDays, string expected) =>
        Assert.Equal(expected, MailTexts.For(language).Duration(TimeSpan.FromHours(hours), business: true, businessDay: inDays ? TimeSpan.FromHours(8) : null));

    [Fact]
    public void For_LanguageWithoutTemplates_FallsBackToEnglish() =>
        Assert.Equal(CustomerLanguages.Fallback, MailTexts.For("it").Language);

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex Placeholder();
}
