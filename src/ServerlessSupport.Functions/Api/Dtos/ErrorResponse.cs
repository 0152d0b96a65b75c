namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>Every 4xx of the API: a sentence saying what was wrong.</summary>
internal sealed record ErrorResponse(string Error);

/// <summary>409: the ticket changed since the version the client sent; re-read and decide again.</summary>
internal sealed record ConflictResponse(string Error, string? CurrentVersion);
