using ServerlessSupport.Functions.Api.Dtos;
using ServerlessSupport.Functions.Hosting;

namespace ServerlessSupport.Functions.Api;

/// <summary>GET /api/me: who the key belongs to (the dashboard's sign-in check).</summary>
internal sealed class MeFunction : IHttpFunction
{
    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.Ok(new MeResponse(context.GetAgent().Name)));
}
