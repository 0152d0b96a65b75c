namespace ServerlessSupport.Core.Queues;

/// <summary>The message on queue <c>outbound</c>: which outbox row to send. The row, not the message, says whether it is still due.</summary>
internal sealed record DispatchRequest(string Ticket, int Outbox);
