namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>Who the key belongs to, and the languages the policy offers customers (for the language control).</summary>
internal sealed record MeResponse(string Agent, IReadOnlyList<string> Languages);
