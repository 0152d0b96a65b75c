using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace ServerlessSupport.Storage.Http;

/// <summary>Turns a failed storage response into a <see cref="RequestFailedException"/> carrying status and error code.</summary>
internal static class StorageErrors
{
    public static RequestFailedException ToException(Response response, string operation)
    {
        var (code, message) = Describe(response);
        return new RequestFailedException(
            response.Status,
            $"{operation} failed: {response.Status} {code ?? response.ReasonPhrase}. {message}".TrimEnd(' ', '.') + ".",
            code,
            null);
    }

    public static void ThrowIfFailed(Response response, string operation)
    {
        if (response.IsError || response.Status >= 400)
        {
            throw ToException(response, operation);
        }
    }

    private static (string? Code, string? Message) Describe(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        var body = response.Content?.ToString();
        if (string.IsNullOrWhiteSpace(body))
        {
            return (code, message);
        }

        try
        {
            if (body.TrimStart().StartsWith('<'))
            {
                var root = XDocument.Parse(body).Root;
                code ??= root?.Element("Code")?.Value;
                message = root?.Element("Message")?.Value;
            }
            else if (body.TrimStart().StartsWith('{'))
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.TryGetProperty("odata.error", out var error) || doc.RootElement.TryGetProperty("error", out error))
                {
                    if (error.TryGetProperty("code", out var c))
                    {
                        code ??= c.GetString();
                    }

                    if (error.TryGetProperty("message", out var m))
                    {
                        message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is XmlException or JsonException)
        {
            // A body that is not the documented error shape still leaves the status to go on.
        }

        return (code, message?.Split('\n')[0].Trim());
    }
}
