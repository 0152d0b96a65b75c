using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ServerlessSupport.Core.Telemetry;
using ServerlessSupport.Functions.Settings;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// OpenTelemetry for both hosts (docs/architecture.md, "Telemetry"): the app's ActivitySource and Meter, exported to
/// Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and nowhere otherwise. The isolated worker adds its own part in Program.cs.
/// </summary>
internal static class TelemetryRegistration
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    public static IServiceCollection AddSupportTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var azureMonitor = configuration[AppSettings.ApplicationInsightsConnectionString];
        var otlp = !string.IsNullOrWhiteSpace(configuration[AppSettings.OtlpEndpoint]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(SupportTelemetry.Name))
            .WithTracing(tracing =>
            {
                // ASP.NET Core's own request span (its ActivitySource, no instrumentation package): the HTTP root of a
                // webhook's trace, which also continues a caller's traceparent. Without it ASP.NET makes an unsampled
                // activity that the webhook's span would inherit "not sampled" from.
                tracing.AddSource(SupportTelemetry.Name, AspNetCoreSource);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SupportTelemetry.Name);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            var entraId = configuration[AppSettings.ApplicationInsightsAuthenticationString]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true;
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = azureMonitor;
                if (entraId)
                {
                    // infra/main.bicep turns off local auth: the app's managed identity publishes (Monitoring Metrics Publisher).
                    options.Credential = new DefaultAzureCredential();
                }
            });
        }

        return services;
    }
}
