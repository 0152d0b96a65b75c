namespace ServerlessSupport.Storage.Queues;

/// <summary>What Put Message returns: enough to delete or update the message without receiving it.</summary>
public sealed record SentQueueMessage(string MessageId, string PopReceipt, DateTimeOffset? NextVisibleOn);
