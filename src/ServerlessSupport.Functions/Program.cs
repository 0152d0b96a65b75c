using ServerlessSupport.Functions.Hosting;

// `ServerlessSupport.Functions write-function-app <dir>` writes host.json and function.json files (scripts/package.sh).
if (FunctionAppWriter.TryRun(args, Console.Out) is { } exitCode)
{
    return exitCode;
}

await using var app = ServerlessSupportApp.Build(args);
await app.RunAsync();
return 0;
