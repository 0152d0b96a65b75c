using System.Text;
using System.Text.Json;
using MimeKit;
using ServerlessSupport.Core.Inbound;
using ServerlessSupport.Core.Queues;

namespace ServerlessSupport.Core.Intake;

/// <summary>
/// The light check the webhook makes before queueing: is this plausibly the format it claims? Full parsing happens in
/// ProcessInbound, off the request path. Returns null when the payload looks right, else the reason to quarantine it.
/// </summary>
internal static class InboundPayloadValidator
{
    public static string? Validate(string format, string contentType, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return "empty body";
        }

        return format switch
        {
            InboundQueueMessage.SendGridFormat => ValidateMultipart(contentType, body),
            InboundQueueMessage.JsonFormat => ValidateJson(body),
            _ => $"unknown format '{format}'",
        };
    }

    private static string? ValidateMultipart(string contentType, ReadOnlySpan<byte> body)
    {
        if (!contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return $"content type is '{Shorten(contentType)}', not multipart/form-data";
        }

        var boundary = BoundaryOf(contentType);
        if (boundary is null)
        {
            return "multipart/form-data without a boundary";
        }

        return body.IndexOf(Encoding.ASCII.GetBytes("--" + boundary)) < 0
            ? "the body does not contain the declared multipart boundary"
            : null;
    }

    private static string? ValidateJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 32, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "the body is not a JSON object";
            }

            while (reader.Read())
            {
                // Reading to the end proves the document is well-formed.
            }

            return null;
        }
        catch (JsonException ex)
        {
            return "the body is not valid JSON: " + Shorten(ex.Message);
        }
    }

    private static string? BoundaryOf(string contentType)
        => ContentType.TryParse(MimeParsing.Options, contentType, out var parsed) && parsed.Boundary is { Length: > 0 and <= 200 } boundary
            ? boundary
            : null;

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
