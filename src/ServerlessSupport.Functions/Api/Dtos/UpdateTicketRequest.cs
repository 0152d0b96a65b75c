namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary><c>PATCH /api/tickets/{id}</c>: absent fields stay as they are; an empty assignee unassigns; language is one the policy offers.</summary>
internal sealed record UpdateTicketRequest(string? Status, string? Priority, string? Assignee, string? Version, string? Language = null);
