namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>
/// <c>POST /api/tickets/{id}/replies</c>. <c>public</c> true emails the customer; false (the default) is an internal note.
/// <c>version</c> (or the If-Match header) is the ticket version the agent saw. <c>promise</c> (public replies only)
/// promises the customer an update or the solution by a date, stated in the mail and tracked.
/// </summary>
internal sealed record ReplyRequest(string? Text, bool? Public, string? Version, PromiseRequest? Promise = null);

/// <summary><c>kind</c> <c>update</c> or <c>resolution</c>; <c>by</c> an ISO 8601 date and time with its offset (<c>2026-12-11T17:00:00+01:00</c>).</summary>
internal sealed record PromiseRequest(string? Kind, string? By);
