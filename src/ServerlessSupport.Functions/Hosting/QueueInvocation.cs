using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>One delivery of a queue message. <see cref="DequeueCount"/> starts at 1.</summary>
internal sealed record QueueInvocation(string MessageId, string Text, long DequeueCount, DateTimeOffset InsertedOn, string QueueName)
{
    /// <summary>The message text as JSON of <typeparamref name="T"/>, or null when it is not (a bad message is skipped, not retried).</summary>
    public T? ReadJson<T>(JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(Text, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
