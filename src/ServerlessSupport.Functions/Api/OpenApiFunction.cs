using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;

namespace ServerlessSupport.Functions.Api;

/// <summary>GET /api/openapi/{documentName}.json: the agents' API described (agent key required, like the API itself).</summary>
internal sealed class OpenApiFunction(IServiceProvider services, AgentGate gate)
{
    [Function("OpenApiDocument")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest request,
        string documentName,
        CancellationToken cancellationToken) =>
        gate.RunAsync(request, "OpenApiDocument", async _ =>
        {
            if (services.GetKeyedService<IOpenApiDocumentProvider>(documentName) is not { } provider)
            {
                return Results.NotFound();
            }

            var document = await provider.GetOpenApiDocumentAsync(cancellationToken);
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            document.SerializeAsV31(new OpenApiJsonWriter(text));
            return Results.Content(text.ToString(), "application/json; charset=utf-8");
        }, cancellationToken);
}
