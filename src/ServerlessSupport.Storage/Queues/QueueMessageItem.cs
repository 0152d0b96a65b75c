namespace ServerlessSupport.Storage.Queues;

/// <summary>A message taken by Get Messages: invisible to others until <see cref="NextVisibleOn"/>.</summary>
public sealed record QueueMessageItem(
    string MessageId,
    string PopReceipt,
    string Text,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset? NextVisibleOn);
