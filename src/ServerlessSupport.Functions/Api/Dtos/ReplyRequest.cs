namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>
/// <c>POST /api/tickets/{id}/replies</c>. <c>public</c> true emails the customer; false (the default) is an internal note.
/// <c>version</c> (or the If-Match header) is the ticket version the agent saw.
/// </summary>
internal sealed record ReplyRequest(string? Text, bool? Public, string? Version);
