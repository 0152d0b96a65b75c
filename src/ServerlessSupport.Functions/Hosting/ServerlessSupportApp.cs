using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServerlessSupport.Functions.Api;
using ServerlessSupport.Functions.Inbound;
using ServerlessSupport.Functions.Security;
using ServerlessSupport.Functions.Sla;
using ServerlessSupport.Functions.Settings;
using ServerlessSupport.Storage;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>Builds the app: configuration, services, host mode, endpoints. Tests build it the same way.</summary>
internal static class ServerlessSupportApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <param name="configure">Runs after the app's own registrations, so tests can replace services.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        LocalSettings.AddTo(builder.Configuration, builder.Environment.ContentRootPath);

        var mode = ResolveMode(builder.Configuration, out var customHandlerPort);
        if (mode == HostMode.CustomHandler)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{customHandlerPort}");
        }
        else if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        AddServices(builder.Services, builder.Configuration, builder.Environment.ContentRootPath, mode);
        configure?.Invoke(builder);

        var app = builder.Build();

        // The agents' dashboard (wwwroot): anonymous static files; the data behind it needs an agent key.
        app.UseDefaultFiles();
        app.UseStaticFiles(DashboardHeaders.StaticFileOptions);

        if (mode == HostMode.Standalone)
        {
            app.UseMiddleware<FunctionKeyMiddleware>();
        }

        app.UseAgentApi();

        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        app.MapHttpFunctions(catalog);
        if (mode == HostMode.CustomHandler)
        {
            app.MapCustomHandlerInvocations();
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            HostingLog.HostStarted(app.Logger, mode, string.Join(", ", addresses ?? []));
        });
        return app;
    }

    public static HostMode ResolveMode(IConfiguration configuration, out int customHandlerPort)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        customHandlerPort = 0;
        var port = configuration[AppSettings.CustomHandlerPort];
        if (string.IsNullOrWhiteSpace(port))
        {
            return HostMode.Standalone;
        }

        return int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out customHandlerPort) && customHandlerPort <= 65535
            ? HostMode.CustomHandler
            : throw new InvalidOperationException($"{AppSettings.CustomHandlerPort} must be a port number.");
    }

    private static void AddServices(IServiceCollection services, IConfiguration configuration, string contentRoot, HostMode mode)
    {
        services.AddAppSettings();
        services.AddSupportPolicy(configuration, contentRoot);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(FunctionCatalog.Default);
        services.AddSingleton<FunctionInvoker>();
        services.AddSupportStorage(configuration);
        services.AddSingleton(_ => HostJson.Locate(contentRoot) is { } path
            ? HostJson.ReadQueueOptions(HostJson.Load(path))
            : new QueueListenerOptions());

        services.AddIntake(configuration, mode);
        services.AddSla();
        services.AddAgentApi();

        // Handlers are scoped: one instance per invocation.
        foreach (var function in FunctionCatalog.Default.Functions)
        {
            services.AddScoped(function.HandlerType);
        }

        if (mode == HostMode.Standalone)
        {
            services.AddHostedService<StandaloneTriggerHost>();
        }
    }
}
