namespace ServerlessSupport.Core.Tickets;

/// <summary>How urgent a ticket is; ordered, so a higher value is more urgent.</summary>
internal enum Priority
{
    Low,
    Normal,
    High,
    Urgent,
}
