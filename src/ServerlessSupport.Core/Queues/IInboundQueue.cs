namespace ServerlessSupport.Core.Queues;

/// <summary>Queue <c>inbound</c>: pointers to stored webhook payloads for ProcessInbound.</summary>
internal interface IInboundQueue
{
    Task EnqueueAsync(InboundQueueMessage pointer, CancellationToken cancellationToken);
}
