namespace ServerlessSupport.Core.Tickets;

internal enum MessageDirection
{
    /// <summary>From the customer (or a robot writing on their behalf).</summary>
    Inbound,

    /// <summary>A public reply from an agent, emailed to the customer.</summary>
    Outbound,

    /// <summary>An internal note; never emailed.</summary>
    Note,
}
