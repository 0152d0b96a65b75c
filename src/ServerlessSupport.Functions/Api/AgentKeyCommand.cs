using System.Globalization;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Intake;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Storage.Agents;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// <c>agent-key create &lt;agent&gt; [--email &lt;address&gt;] | list | revoke &lt;id&gt;</c> (either host's executable),
/// on the app's own storage settings (AzureWebJobsStorage, Storage__Prefix). The key is printed once, at creation; the
/// table keeps only its hash. <c>--email</c> sets the agent's profile address, checked as <c>PATCH /api/me</c> checks it.
/// </summary>
internal static class AgentKeyCommand
{
    public const string Command = "agent-key";

    private const string EmailOption = "--email";

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

        // Every other --name value is a host setting (e.g. --AzureWebJobsStorage), so --email is taken out first.
        var (email, remaining, emailOk) = TakeEmail(args.Skip(2).ToList());
        var rest = remaining.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var settings = remaining.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (verb is not ("create" or "list" or "revoke") || (verb != "list" && rest.Length != 1) || !emailOk || (email is not null && verb != "create"))
        {
            output.WriteLine($"usage: {AppDomain.CurrentDomain.FriendlyName} {Command} create <agentName> [--email <address>] | list | revoke <keyId>");
            return 2;
        }

        // The app's own configuration and service wiring, without starting it: the same storage the app uses.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings });
        configure?.Invoke(builder.Configuration);
        builder.Services.AddServerlessSupport(builder.Configuration, builder.Environment.ContentRootPath);
        using var host = builder.Build();
        var tools = new AgentKeyTools(
            host.Services.GetRequiredService<TableAgentKeyStore>(),
            host.Services.GetRequiredService<IAgentDirectory>(),
            host.Services.GetRequiredService<SupportIdentity>().Address);
        return await RunAsync(tools, verb, rest.FirstOrDefault(), email, output, cancellationToken);
    }

    /// <param name="email">The address <c>create</c> sets on the agent's profile (null: leave the profile as it is).</param>
    public static async Task<int> RunAsync(AgentKeyTools tools, string verb, string? argument, string? email, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(output);
        switch (verb)
        {
            case "create":
                if (!AgentKeyFormat.IsValidAgentName(argument))
                {
                    output.WriteLine("The agent name must be 1-64 letters, digits or . _ @ + - (starting with a letter or digit).");
                    return 2;
                }

                string? address = null;
                if (email is not null && (!AgentEmailAddress.TryNormalize(email, tools.SupportAddress, out address, out var problem) || address is null))
                {
                    output.WriteLine(problem ?? "--email needs an address.");
                    return 2;
                }

                var created = await tools.Keys.CreateAsync(argument, cancellationToken);
                output.WriteLine($"Created key {created.Key.Id} for {created.Key.Agent}. It is shown only now:");
                output.WriteLine(created.Secret);
                var profile = await tools.Profiles.GetAsync(argument, cancellationToken);
                if (address is not null)
                {
                    profile = await tools.Profiles.SaveAsync(argument, address, profile?.Notify ?? AgentNotifications.Default, cancellationToken);
                }

                output.WriteLine(profile?.Email is { } shown
                    ? $"Email: {shown}"
                    : "Email: none (set it with --email or PATCH /api/me; without one the agent gets no mail).");
                return 0;

            case "list":
                var addresses = (await tools.Profiles.ListAsync(cancellationToken))
                    .Where(p => p.Email is not null)
                    .ToDictionary(p => p.Name, p => p.Email!, StringComparer.OrdinalIgnoreCase);
                foreach (var key in await tools.Keys.ListAsync(cancellationToken))
                {
                    var state = key.RevokedAt is { } at ? "revoked " + at.ToString("u", CultureInfo.InvariantCulture) : "active";
                    var mail = addresses.GetValueOrDefault(key.Agent) ?? "-";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key.Id}  {key.Agent,-24}  created {key.CreatedAt:u}  {state,-28}  {mail}"));
                }

                return 0;

            case "revoke":
                if (await tools.Keys.RevokeAsync(argument ?? string.Empty, cancellationToken))
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

    /// <summary>Takes <c>--email &lt;address&gt;</c> (or <c>--email=&lt;address&gt;</c>) out of the arguments; false when it has no value or comes twice.</summary>
    private static (string? Email, List<string> Remaining, bool Ok) TakeEmail(List<string> args)
    {
        string? email = null;
        var remaining = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            string? value;
            if (args[i] == EmailOption)
            {
                value = i + 1 < args.Count ? args[++i] : null;
            }
            else if (args[i].StartsWith(EmailOption + "=", StringComparison.Ordinal))
            {
                value = args[i][(EmailOption.Length + 1)..];
            }
            else
            {
                remaining.Add(args[i]);
                continue;
            }

            if (value is null || email is not null)
            {
                return (null, remaining, false);
            }

            email = value;
        }

        return (email, remaining, true);
    }
}

/// <summary>What the command works on: the key table, the agents' profiles and the support address (refused as an agent's).</summary>
internal sealed record AgentKeyTools(TableAgentKeyStore Keys, IAgentDirectory Profiles, string SupportAddress);
