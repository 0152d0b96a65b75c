namespace ServerlessSupport.Functions.Dashboard;

/// <summary>
/// Headers on the dashboard's static files. The page renders email text, so a strict CSP backs up the script's
/// textContent-only rendering: no inline script or style, nothing from another origin, no framing.
/// </summary>
internal static class DashboardHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";

        // Revalidate on every load (ETag), so a deployment's new script is never mixed with an old page.
        headers.CacheControl = "no-cache";
    }
}
