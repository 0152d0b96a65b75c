using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessSupport.Standalone;

/// <summary>
/// What the Functions host does for functions of <see cref="AuthorizationLevel.Function"/> (or higher): a key in
/// <c>x-functions-key</c> or <c>?code=</c>, here one of <c>Support__WebhookKeys</c>. Anonymous functions pass.
/// </summary>
internal sealed class FunctionKeyMiddleware(RequestDelegate next, IConfiguration configuration)
{
    public const string KeysSetting = "Support:WebhookKeys";

    public Task InvokeAsync(HttpContext context)
    {
        var level = context.GetEndpoint()?.Metadata.GetMetadata<HttpFunctionMetadata>()?.AuthLevel ?? AuthorizationLevel.Anonymous;
        if (level == AuthorizationLevel.Anonymous || IsAuthorized(context.Request, Keys(configuration[KeysSetting])))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "FunctionKey";
        return context.Response.WriteAsync("A valid function key is required in the x-functions-key header or the code query parameter.");
    }

    private static string[] Keys(string? setting) =>
        (setting ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsAuthorized(HttpRequest request, string[] keys)
    {
        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented) || keys.Length == 0)
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

/// <summary>Endpoint metadata: which function an endpoint runs and the auth level its trigger declares.</summary>
internal sealed record HttpFunctionMetadata(string FunctionName, AuthorizationLevel AuthLevel);
