namespace ServerlessSupport.Storage.Tables;

/// <summary>One body part of a multipart/mixed message, or one embedded HTTP message: headers and the text after them.</summary>
internal sealed record MimePart(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>One response inside a batch response (an <c>application/http</c> part).</summary>
internal sealed record BatchOperationResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, int? ContentId)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A small reader for the multipart/mixed batch responses of the Table service (RFC 2046 delimiters,
/// CRLF or bare LF line ends, nested change sets).
/// </summary>
internal static class MultipartReader
{
    public static string? Boundary(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';'))
        {
            var trimmed = parameter.Trim();
            if (trimmed.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return trimmed["boundary=".Length..].Trim('"');
            }
        }

        return null;
    }

    public static IReadOnlyList<MimePart> ReadParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<MimePart>();
        var lines = SplitLines(body);
        List<string>? current = null;
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed == delimiter || trimmed == delimiter + "--")
            {
                if (current is not null)
                {
                    parts.Add(ReadPart(current, skipLeadingBlank: true));
                }

                if (trimmed.EndsWith("--", StringComparison.Ordinal) && trimmed != delimiter)
                {
                    return parts;
                }

                current = [];
                continue;
            }

            current?.Add(line);
        }

        // Tolerate a missing close delimiter: what was read is still a part.
        if (current is { Count: > 0 })
        {
            parts.Add(ReadPart(current, skipLeadingBlank: true));
        }

        return parts;
    }

    /// <summary>Every <c>application/http</c> part in order, descending into nested multiparts (the change set).</summary>
    public static IReadOnlyList<BatchOperationResponse> ReadOperationResponses(string body, string boundary)
    {
        var result = new List<BatchOperationResponse>();
        Collect(body, boundary, result);
        return result;
    }

    private static void Collect(string body, string boundary, List<BatchOperationResponse> result)
    {
        foreach (var part in ReadParts(body, boundary))
        {
            var contentType = part.Header("Content-Type") ?? string.Empty;
            if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) && Boundary(contentType) is { } inner)
            {
                Collect(part.Body, inner, result);
            }
            else if (contentType.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(ReadHttp(part));
            }
        }
    }

    private static BatchOperationResponse ReadHttp(MimePart part)
    {
        var lines = SplitLines(part.Body);
        var index = 0;
        while (index < lines.Count && lines[index].Trim().Length == 0)
        {
            index++;
        }

        if (index == lines.Count)
        {
            throw new FormatException("A batch response part has no HTTP status line.");
        }

        // "HTTP/1.1 201 Created"
        var statusLine = lines[index].Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(statusLine[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException($"'{lines[index]}' is not an HTTP status line.");
        }

        var inner = ReadPart(lines.Skip(index + 1).ToList(), skipLeadingBlank: false);
        var contentId = ParseContentId(inner.Header("Content-ID")) ?? ParseContentId(part.Header("Content-ID"));
        return new BatchOperationResponse(status, inner.Headers, inner.Body, contentId);
    }

    private static int? ParseContentId(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    private static MimePart ReadPart(List<string> lines, bool skipLeadingBlank)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // Some writers put an extra line break after a delimiter; a batch part always has headers, so skip it.
        var index = skipLeadingBlank && lines.Count > 1 && lines[0].Length == 0 ? 1 : 0;

        for (; index < lines.Count; index++)
        {
            var line = lines[index];
            if (line.Trim().Length == 0)
            {
                index++;
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var body = string.Join("\r\n", lines.Skip(index)).TrimEnd('\r', '\n');
        return new MimePart(headers, body);
    }

    private static List<string> SplitLines(string text) =>
        [.. text.Split('\n').Select(l => l.TrimEnd('\r'))];
}
