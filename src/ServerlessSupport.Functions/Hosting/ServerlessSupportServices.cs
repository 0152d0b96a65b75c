using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessSupport.Functions.Api;
using ServerlessSupport.Functions.Inbound;
using ServerlessSupport.Functions.Settings;
using ServerlessSupport.Functions.Sla;
using ServerlessSupport.Storage;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// The app's one service registration, shared by the isolated worker (Program.cs) and the standalone host, so a function
/// gets the same services whichever host runs it.
/// </summary>
public static class ServerlessSupportServices
{
    /// <param name="contentRoot">Where <c>config/policy.json</c> is looked up first (then next to the app).</param>
    public static IServiceCollection AddServerlessSupport(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAppSettings();
        services.AddSupportPolicy(configuration, contentRoot);
        services.AddSupportStorage(configuration);
        services.AddIntake(configuration);
        services.AddSla();
        services.AddAgentApi();
        services.AddSupportTelemetry(configuration);
        return services;
    }
}
