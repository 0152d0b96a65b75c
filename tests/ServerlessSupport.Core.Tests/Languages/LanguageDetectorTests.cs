using ServerlessSupport.Core.Languages;
using ServerlessSupport.Core.Tests.Inbound;

namespace ServerlessSupport.Core.Tests.Languages;

public sealed class LanguageDetectorTests
{
    private static readonly LanguagePolicy All = LanguagePolicy.AllSupported;

    [Theory]
    [InlineData("en", "Hi there,\n\nI can't log in to my account since this morning. The page just reloads and nothing happens. Could you please have a look? I have tried two browsers already.\n\nThanks,\nJane")]
    [InlineData("de", "Guten Tag,\n\nseit heute Morgen kann ich mich nicht mehr in mein Konto einloggen. Die Seite lädt neu und es passiert nichts. Können Sie sich das bitte ansehen? Ich habe es schon mit zwei Browsern versucht.\n\nViele Grüße\nJürgen Müller")]
    [InlineData("fr", "Bonjour,\n\ndepuis ce matin je ne peux plus me connecter à mon compte. La page se recharge et rien ne se passe. Pouvez-vous regarder ? J'ai déjà essayé avec deux navigateurs.\n\nCordialement,\nRenée Dupré")]
    [InlineData("es", "Hola,\n\ndesde esta mañana no puedo entrar en mi cuenta. La página se recarga y no pasa nada. ¿Pueden revisarlo, por favor? Ya lo he intentado con dos navegadores.\n\nSaludos,\nLucía García")]
    [InlineData("de", "Die Rechnung für März fehlt noch. Wann bekomme ich sie?")]
    [InlineData("fr", "Merci pour votre aide, mais le problème est toujours là.")]
    [InlineData("es", "Gracias por la respuesta, pero el pedido todavía no ha llegado.")]
    public void Detect_SupportMail_FindsItsLanguage(string expected, string text) =>
        Assert.Equal(expected, LanguageDetector.Detect(text, All));

    [Theory]
    [InlineData("Help!")]
    [InlineData("Order 4711 / SKU AB-12")]
    [InlineData("")]
    public void Detect_TooLittleToGoOn_IsNull(string text) => Assert.Null(LanguageDetector.Detect(text, All));

    [Fact]
    public void Detect_HalfEnglishHalfGerman_IsNullRatherThanAGuess() =>
        Assert.Null(LanguageDetector.Detect("Hello, the printer is not working and I have no idea. Hallo, der Drucker ist kaputt und ich weiß nicht weiter.", All));

    [Fact]
    public void Detect_LanguageTheDeskDoesNotOffer_IsNeverChosen() =>
        Assert.Null(LanguageDetector.Detect("Hola, desde esta mañana no puedo entrar en mi cuenta, por favor ayuda.", new LanguagePolicy(["en", "de"], "en")));

    [Theory]
    [InlineData("de-DE", "de")]
    [InlineData("fr-CA, en", "fr")]
    [InlineData("it, es-MX", "es")]
    [InlineData("EN_gb", "en")]
    [InlineData("it", null)]
    [InlineData("", null)]
    public void FromContentLanguage_FirstOfferedTag(string header, string? expected) =>
        Assert.Equal(expected, LanguageDetector.FromContentLanguage(header, All));

    [Fact]
    public void Choose_ContentLanguageHeader_WinsOverTheText()
    {
        var email = new InboundEmailBuilder().Header("Content-Language", "fr").Text("Hi, the printer is not working and I would like it fixed please.").Build();

        Assert.Equal(new LanguageChoice("fr", LanguageSource.ContentLanguage), LanguageDetector.Choose(email, All));
    }

    [Fact]
    public void Choose_NoHeaderAndNoEvidence_IsThePolicyDefault()
    {
        var email = new InboundEmailBuilder().Subject("?").Text("404").Build();

        Assert.Equal(new LanguageChoice("es", LanguageSource.PolicyDefault), LanguageDetector.Choose(email, new LanguagePolicy(["en", "es"], "es")));
    }
}
