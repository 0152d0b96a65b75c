using Azure;

namespace ServerlessSupport.Storage.Http;

internal static class ResponseExtensions
{
    public static string? Header(this Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    public static ETag? ETagHeader(this Response response) =>
        response.Headers.TryGetValue("ETag", out var value) ? new ETag(value) : null;
}
