using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.FileProviders;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Dashboard;

/// <summary>
/// GET /api/dashboard/{*path}: the agents' dashboard (wwwroot, deployed next to the app), anonymous like any static page;
/// the data behind it needs an agent key. Served by a function so it works under the Functions host too.
/// </summary>
internal sealed class DashboardFunction
{
    public const string Route = "dashboard";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private static readonly PhysicalFileProvider Files = new(Path.Combine(AppContext.BaseDirectory, "wwwroot"));

    [Function("Dashboard")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{*path}")] HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/'))
        {
            // The page's relative links (app.js, app.css) resolve only under the trailing slash.
            return Results.Redirect(request.PathBase + request.Path + "/").AsAction();
        }

        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        var file = Files.GetFileInfo(name);
        if (!file.Exists || file.IsDirectory || !ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            return Results.NotFound().AsAction();
        }

        DashboardHeaders.Apply(request.HttpContext.Response.Headers);
        return Results.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified).AsAction();
    }
}
