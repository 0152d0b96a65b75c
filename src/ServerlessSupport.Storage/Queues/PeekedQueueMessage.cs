namespace ServerlessSupport.Storage.Queues;

/// <summary>A message seen by Peek Messages; peeking neither hides it nor counts as a dequeue.</summary>
public sealed record PeekedQueueMessage(string MessageId, string Text, long DequeueCount, DateTimeOffset InsertedOn);
