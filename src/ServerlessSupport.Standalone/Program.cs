using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Standalone;

// `agent-key create <agent> | list | revoke <id>` manages the agents' API keys on the app's storage.
if (await AppCommands.TryRunAsync(args, Console.Out, c => LocalSettings.AddTo(c, Directory.GetCurrentDirectory())) is { } exitCode)
{
    return exitCode;
}

await using var app = StandaloneHost.Build(args);
await app.RunAsync();
return 0;
