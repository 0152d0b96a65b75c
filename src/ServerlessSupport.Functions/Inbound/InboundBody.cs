using System.Buffers;

namespace ServerlessSupport.Functions.Inbound;

/// <summary>Reads a request body into memory up to a limit, without trusting Content-Length.</summary>
internal static class InboundBody
{
    /// <returns>The bytes, or null when the body is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
