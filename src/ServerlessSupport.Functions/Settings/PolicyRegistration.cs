using ServerlessSupport.Core.Sla;

namespace ServerlessSupport.Functions.Settings;

/// <summary>
/// Loads the support policy from <c>Support__PolicyPath</c> (default <c>config/policy.json</c>, looked up under the content
/// root and then next to the app) once, at start: an invalid or missing policy stops the app with a message naming the field.
/// </summary>
internal static class PolicyRegistration
{
    public const string DefaultPath = "config/policy.json";

    public static IServiceCollection AddSupportPolicy(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(_ => Load(configuration["Support:PolicyPath"], contentRoot));
        services.AddHostedService<PolicyStartupCheck>();
        return services;
    }

    public static SupportPolicy Load(string? configuredPath, string contentRoot)
    {
        var path = Resolve(string.IsNullOrWhiteSpace(configuredPath) ? DefaultPath : configuredPath, contentRoot);
        try
        {
            return SupportPolicyLoader.Parse(File.ReadAllText(path));
        }
        catch (PolicyValidationException ex)
        {
            throw new InvalidOperationException($"The support policy {path} is invalid: {ex.Message}", ex);
        }
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

    /// <summary>Resolving the policy during start makes a bad file stop the host before any trigger runs.</summary>
    private sealed class PolicyStartupCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<SupportPolicy>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
