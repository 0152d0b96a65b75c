using ServerlessSupport.Functions.Api;
using ServerlessSupport.Functions.Hosting;

// `ServerlessSupport.Functions write-function-app <dir>` writes host.json and function.json files (scripts/package.sh).
if (FunctionAppWriter.TryRun(args, Console.Out) is { } exitCode)
{
    return exitCode;
}

// `ServerlessSupport.Functions agent-key create <agent> | list | revoke <id>` manages the agents' API keys.
if (await AgentKeyCommand.TryRunAsync(args, Console.Out) is { } keyExitCode)
{
    return keyExitCode;
}

await using var app = ServerlessSupportApp.Build(args);
await app.RunAsync();
return 0;
