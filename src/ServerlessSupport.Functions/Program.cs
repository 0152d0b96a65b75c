using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using ServerlessSupport.Functions.Hosting;

// `agent-key create <agent> | list | revoke <id>` manages the agents' API keys on the app's storage.
if (await AppCommands.TryRunAsync(args, Console.Out) is { } exitCode)
{
    return exitCode;
}

// The isolated worker: the Functions host runs it, polls the queues, fires the timers, checks function keys and proxies
// HTTP to it through the ASP.NET Core integration. Without a host it exits at once; ServerlessSupport.Standalone runs
// the same functions then.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessSupport(builder.Configuration, builder.Environment.ContentRootPath, AppHost.FunctionsWorker);

// Under the Functions host only: the worker's invocation spans, its resource attributes and the host's trace context.
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
using var app = builder.Build();
await app.RunAsync();
return 0;
