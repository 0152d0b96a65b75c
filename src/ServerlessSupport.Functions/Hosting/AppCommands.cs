using ServerlessSupport.Functions.Api;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>The app's command-line verbs, which either host's executable runs instead of starting.</summary>
public static class AppCommands
{
    /// <summary>Runs the verb <paramref name="args"/> names and returns its exit code; null when they name none.</summary>
    /// <param name="configure">Adds configuration sources before the command reads its settings (e.g. local.settings.json).</param>
    public static Task<int?> TryRunAsync(string[] args, TextWriter output, Action<IConfigurationBuilder>? configure = null, CancellationToken cancellationToken = default) =>
        AgentKeyCommand.TryRunAsync(args, output, configure, cancellationToken);
}
