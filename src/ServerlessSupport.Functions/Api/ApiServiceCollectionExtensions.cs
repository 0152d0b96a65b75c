using ServerlessSupport.Core.Agents;
using ServerlessSupport.Functions.Api.OpenApi;

namespace ServerlessSupport.Functions.Api;

/// <summary>The agents' API: key verifier and gate, ticket reads and actions, the OpenAPI document.</summary>
internal static class ApiServiceCollectionExtensions
{
    /// <summary>Needs what AddSupportStorage, AddIntake and AddSla register (key store, ticket store and queries, committer, planner, support identity).</summary>
    public static IServiceCollection AddAgentApi(this IServiceCollection services)
    {
        services.AddSingleton<AgentKeyVerifier>();
        services.AddSingleton<AgentGate>();
        services.AddSingleton<AgentActions>();
        services.AddSingleton<TicketViews>();
        services.AddScoped<TicketCommands>();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

        // The document is built from the functions' own attributes; routing is there for the document service's API
        // explorer, which finds no endpoints of its own in a functions app.
        services.AddRouting();
        services.AddOpenApi(o => o.AddDocumentTransformer<FunctionDocumentTransformer>());
        return services;
    }
}
