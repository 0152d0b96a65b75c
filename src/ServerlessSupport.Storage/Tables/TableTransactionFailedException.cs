using Azure;

namespace ServerlessSupport.Storage.Tables;

/// <summary>An entity group transaction was rejected as a whole; <see cref="FailedIndex"/> is the operation the service blamed.</summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedIndex)
        : base(status, message, errorCode, null)
    {
        FailedIndex = failedIndex;
    }

    /// <summary>The zero-based index of the failing action, when the service said which one.</summary>
    public int? FailedIndex { get; }
}
