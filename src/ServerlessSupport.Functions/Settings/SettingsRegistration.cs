
namespace ServerlessSupport.Functions.Settings;

internal static class SettingsRegistration
{
    /// <summary>Binds and validates the Support options (SendGrid's live in Outbound/); a bad value stops the app at start with the setting's name.</summary>
    public static IServiceCollection AddAppSettings(this IServiceCollection services)
    {
        services.AddOptions<SupportOptions>()
            .BindConfiguration(SupportOptions.Section)
            .Validate(o => o.PublicBaseUrl.Length == 0 || IsHttpUri(o.PublicBaseUrl), $"{AppSettings.SupportPublicBaseUrl} must be an absolute http(s) URL.")
            .Validate(o => o.Address.Length == 0 || o.Address.Contains('@', StringComparison.Ordinal), $"{AppSettings.SupportAddress} must be an email address.")
            .Validate(o => ValidReplyKeys(o.ReplyAddressKeys), $"{AppSettings.SupportReplyAddressKeys} must be 'id:secret' pairs, comma separated: a one-character id (a digit or a letter other than I, L, O, U), each once, and a secret of at least 16 characters.")
            .ValidateOnStart();

        return services;
    }

    private static bool ValidReplyKeys(string value)
    {
        try
        {
            _ = new Core.Agents.ReplyAddressKeys(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
