using Azure.Core;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace ServerlessSupport.Storage.Queues;

/// <summary>
/// What the Functions host does with a queue message that is not Base64 (written by some other producer): it moves it,
/// bytes unchanged, to <c>&lt;queue&gt;-poison</c> instead of failing the whole receive. The SDK raises
/// <see cref="QueueClientOptions.MessageDecodingFailed"/> for it and leaves it out of the batch; without a handler the
/// message would come back after every visibility timeout, forever.
/// </summary>
internal sealed partial class UndecodableMessages(Func<QueueServiceClient> rawService, ILogger logger)
{
    private readonly Lazy<QueueServiceClient> _raw = new(rawService);

    public void Attach(QueueClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MessageDecodingFailed += MoveToPoisonAsync;
    }

    private async Task MoveToPoisonAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return;
        }

        // A client without encoding, so the poison message holds exactly the bytes that arrived.
        var poison = _raw.Value.GetQueueClient(args.Queue.Name + StorageNames.PoisonSuffix);
        await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken);
        await poison.SendMessageAsync(message.Body, timeToLive: QueueTimeToLive.Never, cancellationToken: args.CancellationToken);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
        LogMoved(logger, message.MessageId, args.Queue.Name, poison.Name);
    }

    [LoggerMessage(EventId = 8300, Level = LogLevel.Warning, Message = "Queue message {MessageId} on {Queue} is not Base64; moved unchanged to {Poison}")]
    private static partial void LogMoved(ILogger logger, string messageId, string queue, string poison);

    /// <summary>Creates the handler on a raw (encoding-free) client of the same account.</summary>
    public static UndecodableMessages For(StorageConnection connection, TokenCredential credential, ILogger logger) =>
        new(() => connection.CreateQueueService(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }, credential), logger);
}
