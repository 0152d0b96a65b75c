namespace ServerlessSupport.Functions.Settings;

/// <summary>The <c>Support__*</c> settings.</summary>
internal sealed class SupportOptions
{
    public const string Section = "Support";

    /// <summary>Where links in mail point when <c>Support__PublicBaseUrl</c> is unset: the local host's address.</summary>
    public const string DefaultPublicBaseUrl = "http://127.0.0.1:7071";

    public string Address { get; set; } = "";

    /// <summary>The team's name as customers see it in the From line and signatures.</summary>
    public string TeamName { get; set; } = "Support";

    /// <summary>Comma-separated; empty means the inbound webhook accepts no key.</summary>
    public string WebhookKeys { get; set; } = "";

    public string PolicyPath { get; set; } = "";

    public string PublicBaseUrl { get; set; } = "";

    public string SurveySigningKey { get; set; } = "";

    /// <summary>The keys agents' reply addresses are signed with: <c>id:secret</c> pairs, newest first; empty: replies by email are off.</summary>
    public string ReplyAddressKeys { get; set; } = "";

    public IReadOnlyList<string> WebhookKeyList =>
        WebhookKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
