namespace ServerlessSupport.Functions.Hosting;

/// <summary>An HTTP-triggered function, mapped as a minimal-API endpoint on its catalog route in both hosts.</summary>
internal interface IHttpFunction
{
    Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken);
}
