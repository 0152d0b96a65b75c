using Azure.Data.Tables;

namespace ServerlessSupport.Storage.Tickets;

/// <summary>
/// A string property may hold at most 64 KiB (32K UTF-16 chars); longer text is split over numbered properties
/// (<c>Name0</c>, <c>Name1</c>, …) so an entity stays one row and within the 1 MiB entity limit.
/// </summary>
internal static class LargeText
{
    private const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string name, string? value, int maxChunks = 8)
    {
        for (var i = 0; i < maxChunks; i++)
        {
            entity[name + i] = null;
        }

        if (value is null)
        {
            return;
        }

        var position = 0;
        for (var i = 0; i < maxChunks && position < value.Length; i++)
        {
            var end = Math.Min(value.Length, position + ChunkChars);

            // Never split a surrogate pair across two properties.
            if (end < value.Length && char.IsHighSurrogate(value[end - 1]))
            {
                end--;
            }

            entity[name + i] = value[position..end];
            position = end;
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name + 0) is not { } first)
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(first);
        for (var i = 1; entity.GetString(name + i) is { } next; i++)
        {
            builder.Append(next);
        }

        return builder.ToString();
    }
}
