namespace ServerlessSupport.Core.Queues;

/// <summary>
/// The message on queue <c>inbound</c>: where the raw webhook payload was stored and how to read it.
/// Queue messages stay small (64 KiB limit); the payload itself lives in a blob.
/// </summary>
internal sealed record InboundPointer(string Blob, string Format, string ContentType, DateTimeOffset ReceivedAt)
{
    public const string SendGridFormat = "sendgrid";
    public const string JsonFormat = "json";
}
