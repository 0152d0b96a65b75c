using Microsoft.Net.Http.Headers;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// Agent-level endpoints need an agent API key, as <c>Authorization: Bearer &lt;key&gt;</c> or <c>x-api-key</c>; the key's
/// agent becomes the request's <see cref="AgentIdentity"/>. Runs in both hosts: under Azure the host has checked the
/// function key, which says the caller may reach the app, not who the agent is.
/// </summary>
internal sealed partial class AgentAuthMiddleware(RequestDelegate next, AgentKeyVerifier verifier, ILogger<AgentAuthMiddleware> logger)
{
    public const string ApiKeyHeader = "x-api-key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<FunctionEndpointMetadata>() is not { AuthLevel: FunctionAuthLevel.Agent } endpoint)
        {
            await next(context);
            return;
        }

        var presented = PresentedKey(context.Request);
        if (presented is null)
        {
            await RejectAsync(context, "An agent API key is required: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'.");
            return;
        }

        var key = await verifier.VerifyAsync(presented, context.RequestAborted);
        if (key is null)
        {
            LogRejected(logger, endpoint.FunctionName);
            await RejectAsync(context, "The agent API key is not valid or has been revoked.");
            return;
        }

        context.Features.Set(new AgentIdentity(key.Agent, key.Id));
        await next(context);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return authorization[7..].Trim();
        }

        var header = request.Headers[ApiKeyHeader].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }

    private static Task RejectAsync(HttpContext context, string message)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"agents\"";
        return ApiResults.Error(StatusCodes.Status401Unauthorized, message).ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Rejected an invalid or revoked agent key on {Function}")]
    private static partial void LogRejected(ILogger logger, string function);
}
