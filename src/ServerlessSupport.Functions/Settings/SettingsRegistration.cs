using System.Text.RegularExpressions;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Settings;

internal static partial class SettingsRegistration
{
    /// <summary>Binds and validates the hosting and Support options (SendGrid's live in Outbound/); a bad value stops the app at start with the setting's name.</summary>
    public static IServiceCollection AddAppSettings(this IServiceCollection services)
    {
        services.AddOptions<SupportOptions>()
            .BindConfiguration(SupportOptions.Section)
            .Validate(o => CronSchedule.TryParse(o.FollowUpSchedule, out _), $"{AppSettings.SupportFollowUpSchedule} is not a 6-field CRON expression.")
            .Validate(o => CronSchedule.TryParse(o.EscalationSchedule, out _), $"{AppSettings.SupportEscalationSchedule} is not a 6-field CRON expression.")
            .Validate(o => o.PublicBaseUrl.Length == 0 || IsHttpUri(o.PublicBaseUrl), $"{AppSettings.SupportPublicBaseUrl} must be an absolute http(s) URL.")
            .Validate(o => o.Address.Length == 0 || o.Address.Contains('@', StringComparison.Ordinal), $"{AppSettings.SupportAddress} must be an email address.")
            .ValidateOnStart();

        services.AddOptions<HostingOptions>()
            .BindConfiguration(HostingOptions.Section)
            .Validate(o => HostIdPattern().IsMatch(o.HostId), $"{AppSettings.HostId} must be 1-32 lower-case letters, digits or dashes.")
            .ValidateOnStart();

        return services;
    }

    private static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,31})$")]
    private static partial Regex HostIdPattern();
}
