using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Http;

namespace ServerlessSupport.Storage.Queues;

/// <summary>
/// One queue over the Queue service REST API. Message text is sent UTF-8 + base64 (see <see cref="QueueMessageCodec"/>).
/// Failures surface as <see cref="RequestFailedException"/> with the service's status and error code.
/// </summary>
public sealed class StorageQueueClient
{
    /// <summary>The service's limit on messages per Get/Peek Messages call.</summary>
    public const int MaxMessagesPerCall = 32;

    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public StorageQueueClient(HttpPipeline pipeline, Uri queueServiceEndpoint, string queueName)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(queueServiceEndpoint);
        if (!queueServiceEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The queue service endpoint must be an absolute URI.", nameof(queueServiceEndpoint));
        }

        _pipeline = pipeline;
        _endpoint = queueServiceEndpoint.AbsoluteUri.EndsWith('/') ? queueServiceEndpoint : new Uri(queueServiceEndpoint.AbsoluteUri + "/");
        Name = QueueNames.Validate(queueName, nameof(queueName));
    }

    public string Name { get; }

    /// <summary>Creates the queue; false when it already exists.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Put);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        if (response.Status == 201)
        {
            return true;
        }

        // 204: it exists with the same (no) metadata; 409 QueueAlreadyExists: it exists with other metadata.
        if (response.Status == 204)
        {
            return false;
        }

        var error = StorageErrors.ToException(response, "Create Queue");
        return error.ErrorCode == "QueueAlreadyExists" ? false : throw error;
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Delete);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        if (response.Status != 404)
        {
            StorageErrors.ThrowIfFailed(response, "Delete Queue");
        }
    }

    /// <param name="visibilityDelay">How long the message stays invisible after it is put (0..7 days); null for none.</param>
    /// <param name="timeToLive">
    /// Null for the service default (7 days); <see cref="TimeSpan.MaxValue"/>, <see cref="Timeout.InfiniteTimeSpan"/> or
    /// -1 s for never (as does anything beyond <see cref="int.MaxValue"/> seconds).
    /// </param>
    public async Task<SentQueueMessage> SendAsync(
        string text,
        TimeSpan? visibilityDelay = null,
        TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var request = CreateRequest(RequestMethod.Post, "messages");
        if (visibilityDelay is { } delay)
        {
            request.Uri.AppendQuery("visibilitytimeout", Seconds(delay, TimeSpan.Zero, nameof(visibilityDelay)));
        }

        if (timeToLive is { } ttl)
        {
            request.Uri.AppendQuery("messagettl", TimeToLive(ttl));
        }

        SetXmlBody(request, text);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Put Message");
        var message = QueueXml.Messages(response).FirstOrDefault()
            ?? throw new InvalidOperationException("Put Message returned no QueueMessage.");
        return new SentQueueMessage(
            QueueXml.Required(message, "MessageId"),
            QueueXml.Required(message, "PopReceipt"),
            QueueXml.Date(message, "TimeNextVisible"));
    }

    /// <summary>Takes up to <paramref name="maxMessages"/> (1..32) messages and hides them for <paramref name="visibilityTimeout"/> (1 s..7 days).</summary>
    public async Task<IReadOnlyList<QueueMessageItem>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerCall);
        var timeout = Seconds(visibilityTimeout, TimeSpan.FromSeconds(1), nameof(visibilityTimeout));

        using var request = CreateRequest(RequestMethod.Get, "messages");
        request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        request.Uri.AppendQuery("visibilitytimeout", timeout);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Get Messages");
        return [.. QueueXml.Messages(response).Select(m => new QueueMessageItem(
            QueueXml.Required(m, "MessageId"),
            QueueXml.Required(m, "PopReceipt"),
            QueueMessageCodec.Decode(QueueXml.Required(m, "MessageText")),
            QueueXml.Long(m, "DequeueCount"),
            QueueXml.RequiredDate(m, "InsertionTime"),
            QueueXml.Date(m, "ExpirationTime"),
            QueueXml.Date(m, "TimeNextVisible")))];
    }

    public async Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(popReceipt);
        using var request = CreateRequest(RequestMethod.Delete, "messages", messageId);
        request.Uri.AppendQuery("popreceipt", popReceipt);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Delete Message");
    }

    /// <summary>Hides the message for another <paramref name="visibilityTimeout"/> (0..7 days) and returns its new pop receipt.</summary>
    public async Task<string> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(popReceipt);
        var timeout = Seconds(visibilityTimeout, TimeSpan.Zero, nameof(visibilityTimeout));

        // No body: the message text stays as it is.
        using var request = CreateRequest(RequestMethod.Put, "messages", messageId);
        request.Uri.AppendQuery("popreceipt", popReceipt);
        request.Uri.AppendQuery("visibilitytimeout", timeout);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Update Message");
        return response.Header("x-ms-popreceipt")
            ?? throw new InvalidOperationException("Update Message returned no x-ms-popreceipt.");
    }

    /// <summary>Reads up to <paramref name="maxMessages"/> (1..32) visible messages without hiding them.</summary>
    public async Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerCall);

        using var request = CreateRequest(RequestMethod.Get, "messages");
        request.Uri.AppendQuery("peekonly", "true");
        request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Peek Messages");
        return [.. QueueXml.Messages(response).Select(m => new PeekedQueueMessage(
            QueueXml.Required(m, "MessageId"),
            QueueMessageCodec.Decode(QueueXml.Required(m, "MessageText")),
            QueueXml.Long(m, "DequeueCount"),
            QueueXml.RequiredDate(m, "InsertionTime")))];
    }

    /// <summary>The service's approximate message count (it includes invisible messages).</summary>
    public async Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Get);
        request.Uri.AppendQuery("comp", "metadata");
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Get Queue Metadata");
        var text = response.Header("x-ms-approximate-messages-count")
            ?? throw new InvalidOperationException("Get Queue Metadata returned no x-ms-approximate-messages-count.");
        return (int)Math.Min(long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture), int.MaxValue);
    }

    private Request CreateRequest(RequestMethod method, params ReadOnlySpan<string> segments)
    {
        var request = _pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath(Name, escape: true);
        foreach (var segment in segments)
        {
            request.Uri.AppendPath("/", escape: false);
            request.Uri.AppendPath(segment, escape: true);
        }

        return request;
    }

    private static void SetXmlBody(Request request, string text)
    {
        request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        request.Content = RequestContent.Create(QueueMessageCodec.RequestBody(text));
    }

    /// <summary>Whole seconds, rounded up so a sub-second value never collapses to "no delay".</summary>
    private static string Seconds(TimeSpan value, TimeSpan min, string paramName)
    {
        if (value < min || value > MaxVisibility)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Must be between {min} and {MaxVisibility}.");
        }

        return ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    private static string TimeToLive(TimeSpan ttl)
    {
        if (ttl == TimeSpan.MaxValue || ttl == Timeout.InfiniteTimeSpan || ttl == TimeSpan.FromSeconds(-1))
        {
            return "-1";
        }

        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "A message's time to live must be positive, or -1 s / TimeSpan.MaxValue for never.");
        }

        var seconds = Math.Ceiling(ttl.TotalSeconds);
        return seconds > int.MaxValue ? "-1" : ((long)seconds).ToString(CultureInfo.InvariantCulture);
    }
}
