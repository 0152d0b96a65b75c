using ServerlessSupport.Core.Agents;
using ServerlessSupport.Functions.Api.OpenApi;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Api;

/// <summary>The agents' API: key store and verifier, ticket reads and actions, the OpenAPI document.</summary>
internal static class ApiServiceCollectionExtensions
{
    public const string OpenApiRoute = "/api/openapi/{documentName}.json";

    /// <summary>Needs what AddSupportStorage, AddIntake and AddSla register (key store, ticket store and queries, committer, planner, support identity).</summary>
    public static IServiceCollection AddAgentApi(this IServiceCollection services)
    {
        services.AddSingleton<AgentKeyVerifier>();
        services.AddSingleton<AgentActions>();
        services.AddSingleton<TicketViews>();
        services.AddScoped<TicketCommands>();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddOpenApi(o => o.AddDocumentTransformer<CatalogDocumentTransformer>());
        return services;
    }

    /// <summary>The agent-key check for agent-level endpoints, and the OpenAPI document (agent-authenticated too).</summary>
    public static WebApplication UseAgentApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AgentAuthMiddleware>();
        app.MapOpenApi(OpenApiRoute).WithMetadata(new FunctionEndpointMetadata("OpenApiDocument", FunctionAuthLevel.Agent));
        return app;
    }
}
