using ServerlessSupport.Core.Sla.Policy;

namespace ServerlessSupport.Functions.Settings;

/// <summary>
/// Loads the support policy from <c>Support__PolicyPath</c> (default <c>config/policy.json</c>, looked up under the content
/// root and then next to the app) once; SlaStartupCheck resolves it while the host starts, so an invalid or missing policy
/// stops the app with a message naming the field.
/// </summary>
internal static class PolicyRegistration
{
    public const string DefaultPath = "config/policy.json";

    public static IServiceCollection AddSupportPolicy(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(_ => Load(configuration["Support:PolicyPath"], contentRoot));
        return services;
    }

    public static SupportPolicy Load(string? configuredPath, string contentRoot)
    {
        var path = Resolve(string.IsNullOrWhiteSpace(configuredPath) ? DefaultPath : configuredPath, contentRoot);
        // A PolicyValidationException names every bad field by its JSON path; it stops the host as it is.
        return SupportPolicyLoader.Parse(File.ReadAllText(path));
    }

    private static string Resolve(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path))
        {
            return File.Exists(path) ? path : throw new FileNotFoundException($"The support policy file {path} ({AppSettings.SupportPolicyPath}) does not exist.", path);
        }

        foreach (var root in new[] { contentRoot, AppContext.BaseDirectory })
        {
            var candidate = Path.Combine(root, path);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"The support policy file '{path}' ({AppSettings.SupportPolicyPath}) was found neither under {contentRoot} nor under {AppContext.BaseDirectory}.", path);
    }
}
