namespace ServerlessSupport.Functions.Hosting;

/// <summary>Maps every HTTP function of the catalog as a minimal-API endpoint on <c>/api/{route}</c>.</summary>
internal static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog)
    {
        foreach (var function in catalog.Http)
        {
            var trigger = (HttpFunctionTrigger)function.Trigger;
            endpoints.MapMethods(trigger.Path, trigger.Methods, async context =>
                {
                    var handler = FunctionInvoker.ResolveHttp(context.RequestServices, function);
                    var result = await handler.HandleAsync(context, context.RequestAborted);
                    await result.ExecuteAsync(context);
                })
                .WithName(function.Name)
                .WithMetadata(trigger.AuthLevel, new FunctionEndpointMetadata(function.Name, trigger.AuthLevel));
        }
    }
}
