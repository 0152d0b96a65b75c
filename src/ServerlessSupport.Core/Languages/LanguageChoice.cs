namespace ServerlessSupport.Core.Languages;

/// <summary>The language chosen for a new ticket and how it was found (shown in the ticket's "created" event).</summary>
internal sealed record LanguageChoice(string Language, LanguageSource Source);

internal enum LanguageSource
{
    /// <summary>The mail's <c>Content-Language</c> header named an offered language.</summary>
    ContentLanguage,

    /// <summary>The text reads as an offered language (<see cref="LanguageDetector"/>).</summary>
    Detected,

    /// <summary>Neither: the policy's default.</summary>
    PolicyDefault,
}
