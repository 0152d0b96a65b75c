using System.Globalization;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Storage.Agents;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// <c>agent-key create &lt;agent&gt; | list | revoke &lt;id&gt;</c> (either host's executable), on the app's own storage
/// settings (AzureWebJobsStorage, Storage__Prefix). The key is printed once, at creation; the table keeps only its hash.
/// </summary>
internal static class AgentKeyCommand
{
    public const string Command = "agent-key";

    /// <summary>Handles the command line when it asks for this command; returns null when the app should run instead.</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, Action<IConfigurationBuilder>? configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length == 0 || args[0] != Command)
        {
            return null;
        }

        var verb = args.Length > 1 ? args[1] : string.Empty;
        var rest = args.Skip(2).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var settings = args.Skip(2).Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (verb is not ("create" or "list" or "revoke") || (verb != "list" && rest.Length != 1))
        {
            output.WriteLine($"usage: {AppDomain.CurrentDomain.FriendlyName} {Command} create <agentName> | list | revoke <keyId>");
            return 2;
        }

        // The app's own configuration and service wiring, without starting it: the same storage the app uses.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings });
        configure?.Invoke(builder.Configuration);
        builder.Services.AddServerlessSupport(builder.Configuration, builder.Environment.ContentRootPath);
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<TableAgentKeyStore>();
        return await RunAsync(store, verb, rest.FirstOrDefault(), output, cancellationToken);
    }

    public static async Task<int> RunAsync(TableAgentKeyStore store, string verb, string? argument, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        switch (verb)
        {
            case "create":
                if (!AgentKeyFormat.IsValidAgentName(argument))
                {
                    output.WriteLine("The agent name must be 1-64 letters, digits or . _ @ + - (starting with a letter or digit).");
                    return 2;
                }

                var created = await store.CreateAsync(argument, cancellationToken);
                output.WriteLine($"Created key {created.Key.Id} for {created.Key.Agent}. It is shown only now:");
                output.WriteLine(created.Secret);
                return 0;

            case "list":
                foreach (var key in await store.ListAsync(cancellationToken))
                {
                    var state = key.RevokedAt is { } at ? "revoked " + at.ToString("u", CultureInfo.InvariantCulture) : "active";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key.Id}  {key.Agent,-24}  created {key.CreatedAt:u}  {state}"));
                }

                return 0;

            case "revoke":
                if (await store.RevokeAsync(argument ?? string.Empty, cancellationToken))
                {
                    output.WriteLine($"Revoked key {argument}; running apps stop accepting it within 30 seconds.");
                    return 0;
                }

                output.WriteLine($"There is no key {argument}.");
                return 1;

            default:
                return 2;
        }
    }
}
