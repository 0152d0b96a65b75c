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
builder.Services.AddServerlessSupport(builder.Configuration, builder.Environment.ContentRootPath);

// Under the Functions host only: the worker's invocation spans, its resource attributes and the host's trace context.
// This also tells the host that the worker exports its own telemetry, so the host drops the logs the worker sends it.
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();

// So on a developer's machine (func start, the Development environment) the worker writes its logs to its standard
// output, one line each, which the host shows as Host.Function.Console. In Azure they go to Azure Monitor.
if (builder.Environment.IsDevelopment())
{
    builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
}
using var app = builder.Build();
await app.RunAsync();
return 0;
