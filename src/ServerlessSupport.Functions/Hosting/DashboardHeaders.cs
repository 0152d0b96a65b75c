using Microsoft.AspNetCore.StaticFiles;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// Headers on the dashboard's static files. The page renders email text, so a strict CSP backs up the script's
/// textContent-only rendering: no inline script or style, nothing from another origin, no framing.
/// </summary>
internal static class DashboardHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static StaticFileOptions StaticFileOptions => new() { OnPrepareResponse = Apply };

    public static void Apply(StaticFileResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";

        // Revalidate on every load (ETag), so a deployment's new script is never mixed with an old page.
        headers.CacheControl = "no-cache";
    }
}
