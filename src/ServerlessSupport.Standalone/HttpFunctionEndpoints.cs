using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Standalone;

/// <summary>Maps every HTTP function on its trigger's route under <c>/api</c>, methods and auth level as the attribute declares them.</summary>
internal static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<FunctionEntry> functions)
    {
        foreach (var function in functions.Where(f => f.Http is not null))
        {
            var methods = (function.Http!.Methods ?? ["GET", "POST"]).Select(m => m.ToUpperInvariant()).ToArray();
            endpoints.MapMethods(function.HttpRoute!, methods, async context =>
                {
                    var result = await FunctionInvoker.InvokeAsync(function, context.RequestServices, new TriggerInput.Http(context), context.RequestAborted);
                    await FunctionInvoker.WriteHttpResultAsync(context, result);
                })
                .WithName(function.Name)
                .WithMetadata(new HttpFunctionMetadata(function.Name, function.Http.AuthLevel));
        }
    }
}
