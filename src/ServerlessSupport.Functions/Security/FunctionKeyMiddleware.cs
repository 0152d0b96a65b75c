using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Functions.Settings;

namespace ServerlessSupport.Functions.Security;

/// <summary>
/// Function-level auth for standalone mode: a key from <c>Support__WebhookKeys</c> in <c>x-functions-key</c> or <c>?code=</c>,
/// as the Functions host checks it. Under the Functions host the host has checked the key before it proxies the request,
/// and the app listens on loopback only, so this runs in standalone mode alone.
/// </summary>
internal sealed class FunctionKeyMiddleware(RequestDelegate next, IOptionsMonitor<SupportOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var level = context.GetEndpoint()?.Metadata.GetMetadata<FunctionEndpointMetadata>()?.AuthLevel;
        if (level != FunctionAuthLevel.Function || IsAuthorized(context.Request, options.CurrentValue.WebhookKeyList))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "FunctionKey";
        return context.Response.WriteAsync("A valid function key is required in the x-functions-key header or the code query parameter.");
    }

    private static bool IsAuthorized(HttpRequest request, IReadOnlyList<string> keys)
    {
        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented) || keys.Count == 0)
        {
            return false;
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        foreach (var key in keys)
        {
            // Constant time per key, and every key is compared, so timing tells nothing about which one was close.
            match |= CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(key));
        }

        return match;
    }
}
