using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Api;

/// <summary>
/// Agent endpoints need an agent API key, as <c>Authorization: Bearer &lt;key&gt;</c> or <c>x-api-key</c>; the key's agent
/// becomes the request's <see cref="AgentIdentity"/>. Each agent function runs its work through here, so the check is the
/// same in both hosts: under Azure the host has checked the function key (the caller may reach the app), and this says
/// who the agent is.
/// </summary>
internal sealed partial class AgentGate(AgentKeyVerifier verifier, ILogger<AgentGate> logger)
{
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>Runs <paramref name="work"/> as the key's agent, or answers 401 without running it.</summary>
    public async Task<IActionResult> RunAsync(HttpRequest request, string function, Func<AgentIdentity, Task<IResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(work);
        var presented = PresentedKey(request);
        if (presented is null)
        {
            return Reject(request, "An agent API key is required: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'.");
        }

        var key = await verifier.VerifyAsync(presented, cancellationToken);
        if (key is null)
        {
            LogRejected(logger, function);
            return Reject(request, "The agent API key is not valid or has been revoked.");
        }

        var agent = new AgentIdentity(key.Agent, key.Id);
        request.HttpContext.Features.Set(agent);
        return (await work(agent)).AsAction();
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

    private static IActionResult Reject(HttpRequest request, string message)
    {
        request.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"agents\"";
        return ApiResults.Error(StatusCodes.Status401Unauthorized, message).AsAction();
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Rejected an invalid or revoked agent key on {Function}")]
    private static partial void LogRejected(ILogger logger, string function);
}
