namespace ServerlessSupport.Core.Queues;

internal static class QueueNames
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}
