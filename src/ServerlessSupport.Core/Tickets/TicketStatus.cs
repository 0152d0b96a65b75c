namespace ServerlessSupport.Core.Tickets;

internal enum TicketStatus
{
    Open,
    PendingCustomer,
    Solved,
    Closed,
}
