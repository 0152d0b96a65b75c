namespace ServerlessSupport.Functions.Settings;

/// <summary>The <c>Support__*</c> settings.</summary>
internal sealed class SupportOptions
{
    public const string Section = "Support";

    public const string DefaultSchedule = "0 * * * * *";

    public string Address { get; set; } = "";

    /// <summary>The team's name as customers see it in the From line and signatures.</summary>
    public string TeamName { get; set; } = "Support";

    /// <summary>Comma-separated; empty means the inbound webhook accepts no key.</summary>
    public string WebhookKeys { get; set; } = "";

    public string PolicyPath { get; set; } = "";

    public string FollowUpSchedule { get; set; } = DefaultSchedule;

    public string EscalationSchedule { get; set; } = DefaultSchedule;

    public string PublicBaseUrl { get; set; } = "";

    public string SurveySigningKey { get; set; } = "";

    public IReadOnlyList<string> WebhookKeyList =>
        WebhookKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
