using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessSupport.Functions.Hosting;
using ServerlessSupport.Storage.Health;

namespace ServerlessSupport.Functions.Health;

/// <summary><c>GET /api/health</c>: 200 when every storage service answers, else 503 naming the one that does not.</summary>
internal sealed class HealthFunction(StorageHealthProbe probe)
{
    [Function("Health")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        HandleAsync(cancellationToken).AsAction();

    private async Task<IResult> HandleAsync(CancellationToken cancellationToken)
    {
        var services = await probe.CheckAsync(cancellationToken);
        var healthy = services.Values.All(v => v == "reachable");
        var report = new HealthReport(healthy ? "healthy" : "unhealthy", services);
        return Results.Json(report, HealthJsonContext.Default.HealthReport, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
