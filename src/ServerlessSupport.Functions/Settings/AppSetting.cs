namespace ServerlessSupport.Functions.Settings;

/// <summary>
/// One setting the app reads, by its flat Functions name (<c>Section__Key</c>). <paramref name="Local"/>: documented in
/// local.settings.sample.json; <paramref name="Azure"/>: set by infra/main.bicep. Settings the platform provides
/// (e.g. FUNCTIONS_CUSTOMHANDLER_PORT) are neither.
/// </summary>
internal sealed record AppSetting(string Name, string Purpose, bool Local, bool Azure)
{
    /// <summary>The key under which .NET configuration holds this setting (<c>__</c> becomes <c>:</c>).</summary>
    public string ConfigurationKey => ToConfigurationKey(Name);

    public static string ToConfigurationKey(string flatName) => flatName.Replace("__", ":", StringComparison.Ordinal);
}
