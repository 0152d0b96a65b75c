namespace ServerlessSupport.Functions.Hosting;

/// <summary>One delivery of a queue message. <see cref="DequeueCount"/> starts at 1.</summary>
internal sealed record QueueInvocation(string MessageId, string Text, long DequeueCount, DateTimeOffset InsertedOn, string QueueName);
