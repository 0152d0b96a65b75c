using Azure;

namespace ServerlessSupport.Storage.Tables;

/// <summary>One operation of an entity group transaction; a default <paramref name="ETag"/> means "*" for updates and deletes.</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);
