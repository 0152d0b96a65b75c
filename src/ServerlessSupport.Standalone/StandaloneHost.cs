using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Standalone;

/// <summary>
/// Builds the standalone host: a plain ASP.NET Core process that runs the Functions app's functions from their own
/// attributes (HTTP routes and auth levels, queue listeners with host.json's settings, CRON timers with a blob lease),
/// with the app's one service registration. Tests and benchmarks build it the same way.
/// </summary>
internal static partial class StandaloneHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <param name="configure">Runs after the app's own registrations, so tests can replace services.</param>
    /// <param name="functions">The functions to run; default every function of the app.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, IReadOnlyList<FunctionEntry>? functions = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        LocalSettings.AddTo(builder.Configuration, builder.Environment.ContentRootPath);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddServerlessSupport(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(new StandaloneFunctions(functions ?? FunctionIndex.All));
        services.AddOptions<HostingOptions>()
            .BindConfiguration(HostingOptions.Section)
            .Validate(o => HostIdPattern().IsMatch(o.HostId), "AzureFunctionsWebHost__hostid must be 1-32 lower-case letters, digits or dashes.")
            .ValidateOnStart();
        var contentRoot = builder.Environment.ContentRootPath;
        var configuration = builder.Configuration;
        services.AddSingleton(_ => HostJson.ReadQueueOptions(HostJson.WithOverrides(HostJson.Locate(contentRoot) is { } path ? HostJson.Load(path) : [], configuration)));
        services.AddHostedService<StandaloneTriggers>();

        // A function may return any IActionResult, as under the worker's ASP.NET Core integration, which needs MVC's executors.
        services.AddMvcCore();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<FunctionKeyMiddleware>();
        app.MapGet("/", () => Results.Redirect("/api/dashboard/")).ExcludeFromDescription();
        app.MapHttpFunctions(app.Services.GetRequiredService<StandaloneFunctions>().All);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            HostingLog.HostStarted(app.Logger, string.Join(", ", addresses ?? []));
        });
        return app;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,31})$")]
    private static partial Regex HostIdPattern();
}
