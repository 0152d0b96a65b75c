namespace ServerlessSupport.Core.Languages;

/// <summary>The languages the desk answers in (policy <c>languages</c>) and the one used when a mail says nothing.</summary>
internal sealed record LanguagePolicy(IReadOnlyList<string> Offered, string Default)
{
    /// <summary>Every supported language offered, English by default (a policy without a <c>languages</c> section).</summary>
    public static LanguagePolicy AllSupported { get; } = new(CustomerLanguages.Supported, CustomerLanguages.Fallback);

    public bool Offers(string? tag) => tag is not null && Offered.Contains(tag, StringComparer.Ordinal);
}
