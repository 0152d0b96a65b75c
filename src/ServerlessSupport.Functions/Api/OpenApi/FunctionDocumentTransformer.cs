using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ServerlessSupport.Functions.Api.Dtos;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Api.OpenApi;

/// <summary>
/// Adds every HTTP function (<see cref="FunctionIndex"/>) to the OpenAPI document (see <see cref="ApiOperations"/>), with the
/// agent key as a bearer security scheme on the operations that run through <see cref="AgentGate"/>. Schemas come from the
/// API's DTOs through the document's own schema service, so they match what the endpoints serialize.
/// </summary>
internal sealed partial class FunctionDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string AgentKeyScheme = "agentKey";

    private const string Json = "application/json";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Info = new OpenApiInfo
        {
            Title = "ServerlessSupport agents' API",
            Version = "v1",
            Description = "Agent endpoints need an agent API key: 'Authorization: Bearer ssk_…' or 'x-api-key'. Under Azure Functions they also need a function key (x-functions-key).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AgentKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An agent API key (ssk_<id>_<secret>), also accepted in the x-api-key header.",
        };
        document.Paths ??= [];

        foreach (var function in FunctionIndex.All.Where(f => f.Http is not null))
        {
            var path = function.HttpRoute!;
            if (document.Paths.TryGetValue(path, out var existing) is false || existing is not OpenApiPathItem item)
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }

            item.Operations ??= [];
            var description = ApiOperations.ByFunction.GetValueOrDefault(function.Name) ?? new ApiOperation(function.Name, null);
            var operation = await OperationAsync(document, context, function, description, cancellationToken);
            foreach (var method in function.Http!.Methods ?? [])
            {
                item.Operations[new HttpMethod(method.ToUpperInvariant())] = operation;
            }
        }
    }

    private static async Task<OpenApiOperation> OperationAsync(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        FunctionEntry function,
        ApiOperation description,
        CancellationToken cancellationToken)
    {
        var operation = new OpenApiOperation
        {
            OperationId = function.Name,
            Summary = description.Summary,
            Parameters = [],
            Responses = [],
        };

        foreach (Match match in RouteParameter().Matches(function.HttpRoute!))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = match.Groups[1].Value,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        foreach (var query in description.Query ?? [])
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Description = query.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (description.Request is { } request)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = await context.GetOrCreateSchemaAsync(request, null, cancellationToken) } },
            };
        }

        operation.Responses["200"] = description.Response is { } response
            ? new OpenApiResponse
            {
                Description = "OK",
                Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = await context.GetOrCreateSchemaAsync(response, null, cancellationToken) } },
            }
            : new OpenApiResponse { Description = "OK" };

        if (IsAgentLevel(function))
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AgentKeyScheme, document)] = [] }];
            operation.Responses["401"] = await ErrorAsync(context, "No valid agent API key.", typeof(ErrorResponse), cancellationToken);
        }

        foreach (var status in description.Errors)
        {
            var type = status == StatusCodes.Status409Conflict ? typeof(ConflictResponse) : typeof(ErrorResponse);
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = await ErrorAsync(context, ReasonOf(status), type, cancellationToken);
        }

        return operation;
    }

    private static async Task<OpenApiResponse> ErrorAsync(OpenApiDocumentTransformerContext context, string text, Type type, CancellationToken cancellationToken) => new()
    {
        Description = text,
        Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken) } },
    };

    private static string ReasonOf(int status) => status switch
    {
        400 => "Invalid input; the error names the field and the allowed values.",
        404 => "No such ticket (or intake record).",
        409 => "The ticket changed since the version sent (currentVersion is the one to use), or the record was already recovered.",
        413 => "The body is larger than 64 KiB.",
        422 => "The intake record kept no email that can be read.",
        _ => "Error.",
    };

    /// <summary>An agent function is one that takes the <see cref="AgentGate"/>: the gate is what asks for the key.</summary>
    public static bool IsAgentLevel(FunctionEntry function) =>
        function.Type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(AgentGate)));

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
