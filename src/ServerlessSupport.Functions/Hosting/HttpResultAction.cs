using Microsoft.AspNetCore.Mvc;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// The worker's ASP.NET Core integration executes an <see cref="IActionResult"/> a function returns; the handlers build
/// minimal-API <see cref="IResult"/>s, which need no MVC services. This runs one as the other.
/// </summary>
internal sealed class HttpResultAction(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Result.ExecuteAsync(context.HttpContext);
    }
}

internal static class HttpResultActionExtensions
{
    public static IActionResult AsAction(this IResult result) => new HttpResultAction(result);

    public static async Task<IActionResult> AsAction(this Task<IResult> result) => new HttpResultAction(await result);
}
