using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Queues.Models;

namespace ServerlessSupport.Functions.Hosting;

internal static class QueueJson
{
    /// <summary>The message body as JSON of <typeparamref name="T"/>, or null when it is not (a bad message is skipped, not retried).</summary>
    public static T? Read<T>(QueueMessage message, JsonTypeInfo<T> type)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return message.Body is null ? null : JsonSerializer.Deserialize(message.Body.ToMemory().Span, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
