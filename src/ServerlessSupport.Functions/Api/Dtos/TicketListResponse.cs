namespace ServerlessSupport.Functions.Api.Dtos;

/// <summary>One page of the queue; pass <c>continuation</c> back for the next (null: last page).</summary>
internal sealed record TicketListResponse(IReadOnlyList<TicketSummaryDto> Items, string? Continuation);
