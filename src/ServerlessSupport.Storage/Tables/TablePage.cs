namespace ServerlessSupport.Storage.Tables;

/// <summary>One page of a query; a null <paramref name="ContinuationToken"/> means there are no more.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);
