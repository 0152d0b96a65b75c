namespace ServerlessSupport.Functions.Api.OpenApi;

/// <summary>How one catalog HTTP function appears in the OpenAPI document.</summary>
internal sealed record ApiOperation(string Summary, Type? Response, Type? Request = null, IReadOnlyList<ApiQueryParameter>? Query = null)
{
    /// <summary>4xx answers besides 401 (the error body is <see cref="Dtos.ErrorResponse"/>; 409 is <see cref="Dtos.ConflictResponse"/>).</summary>
    public IReadOnlyList<int> Errors { get; init; } = [];
}

internal sealed record ApiQueryParameter(string Name, string Description);
