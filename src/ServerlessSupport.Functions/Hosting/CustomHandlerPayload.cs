using System.Globalization;
using System.Text.Json;

namespace ServerlessSupport.Functions.Hosting;

/// <summary>
/// Reads the custom-handler request payload: <c>{"Data": {"&lt;binding&gt;": …}, "Metadata": {…}}</c>. The host is
/// loose about types (numbers may come as strings, a JSON message text as an object or an escaped string), so every
/// reader here accepts both.
/// </summary>
internal static class CustomHandlerPayload
{
    public static QueueInvocation ReadQueue(JsonElement root, QueueFunctionTrigger trigger, DateTimeOffset now)
    {
        var value = Binding(root, trigger.BindingName);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        var metadata = Property(root, "Metadata");
        var id = metadata is { } m && String(m, "Id") is { Length: > 0 } s ? s : "";
        var dequeueCount = metadata is { } m2 && Int64(m2, "DequeueCount") is { } count ? count : 1;
        var inserted = metadata is { } m3 && Date(m3, "InsertionTime") is { } at ? at : now;
        return new QueueInvocation(id, text, dequeueCount, inserted, trigger.QueueName);
    }

    public static TimerInvocation ReadTimer(JsonElement root, TimerFunctionTrigger trigger, CronSchedule schedule, DateTimeOffset now)
    {
        var value = Binding(root, trigger.BindingName);
        using var embedded = value.ValueKind == JsonValueKind.String ? JsonDocument.Parse(value.GetString() ?? "{}") : null;
        var timer = embedded?.RootElement ?? value;
        if (timer.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Data.{trigger.BindingName} is not a timer object.");
        }

        var isPastDue = Bool(timer, "IsPastDue") ?? false;
        var status = Property(timer, "ScheduleStatus");
        var last = status is { } s1 ? Date(s1, "Last") : null;
        var next = status is { } s2 ? Date(s2, "Next") : null;

        // The host passes the status recorded before this run, whose Next is the occurrence now firing.
        var scheduledFor = next is { } n && n <= now ? n : now;
        return new TimerInvocation(isPastDue, scheduledFor, last, schedule.GetNextOccurrence(now));
    }

    private static JsonElement Binding(JsonElement root, string bindingName)
    {
        if (Property(root, "Data") is not { ValueKind: JsonValueKind.Object } data)
        {
            throw new FormatException("The payload has no Data object.");
        }

        return Property(data, bindingName) ?? throw new FormatException($"Data has no '{bindingName}' binding.");
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
        null => null,
    };

    private static long? Int64(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static bool? Bool(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } v when bool.TryParse(v.GetString(), out var b) => b,
        _ => null,
    };

    private static DateTimeOffset? Date(JsonElement element, string name) =>
        String(element, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
        && value.Year > 1
            ? value
            : null;
}
