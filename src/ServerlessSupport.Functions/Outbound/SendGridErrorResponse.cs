namespace ServerlessSupport.Functions.Outbound;

/// <summary>SendGrid's error body: <c>{"errors":[{"message","field","help"}]}</c>.</summary>
internal sealed record SendGridErrorResponse(IReadOnlyList<SendGridError>? Errors);

internal sealed record SendGridError(string? Message, string? Field, string? Help);
