using Microsoft.Extensions.Options;
using ServerlessSupport.Core.Agents;
using ServerlessSupport.Core.Sla.Clocks;
using ServerlessSupport.Core.Sla.Policy;
using ServerlessSupport.Core.Sla.Surveys;
using ServerlessSupport.Core.Sla.Sweeps;
using ServerlessSupport.Functions.Settings;

namespace ServerlessSupport.Functions.Sla;

internal static class SlaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the planner, the team's pace (the acknowledgment's promise, the promises' estimate), the sweeps and the survey. Needs the storage adapters (the due index and the ticket store),
    /// the policy and the Support options.
    /// </summary>
    public static IServiceCollection AddSla(this IServiceCollection services)
    {
        services.AddSingleton(sp => CreateSettings(sp.GetRequiredService<IOptions<SupportOptions>>().Value, sp.GetRequiredService<SupportPolicy>()) with
        {
            Replies = sp.GetRequiredService<ReplyAddresses>(),
        });
        services.AddSingleton(sp => new SlaPlanner(sp.GetRequiredService<SupportPolicy>()));
        services.AddSingleton<TeamPace>();
        services.AddSingleton<SlaActionComposer>();
        services.AddSingleton<SurveyRecorder>();

        services.AddSingleton<SlaSweepHandler>();

        services.AddHostedService<SlaStartupCheck>();
        return services;
    }

    /// <summary>The public base URL and the survey signer; a policy with a check-back needs a signing key.</summary>
    public static SlaSettings CreateSettings(SupportOptions options, SupportPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        var key = options.SurveySigningKey;
        if (policy.AfterSolve is not null && string.IsNullOrWhiteSpace(key))
        {
            throw new InvalidOperationException($"{AppSettings.SupportSurveySigningKey} is required: the policy's afterSolve sends survey links that must be signed.");
        }

        var baseUrl = string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? SupportOptions.DefaultPublicBaseUrl : options.PublicBaseUrl;
        return new SlaSettings(baseUrl, string.IsNullOrWhiteSpace(key) ? null : new SurveyTokens(key));
    }
}
