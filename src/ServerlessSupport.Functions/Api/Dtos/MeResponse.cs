namespace ServerlessSupport.Functions.Api.Dtos;

internal sealed record MeResponse(string Agent);
