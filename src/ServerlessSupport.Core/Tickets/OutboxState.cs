namespace ServerlessSupport.Core.Tickets;

internal enum OutboxState
{
    Pending,
    Sent,
    Failed,
}
