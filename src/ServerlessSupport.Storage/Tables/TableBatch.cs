using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;

namespace ServerlessSupport.Storage.Tables;

/// <summary>
/// Entity group transactions on the wire: one multipart/mixed batch holding one change set whose parts are
/// <c>application/http</c> requests with absolute URLs; the response mirrors it (or carries the one failing part).
/// </summary>
internal static partial class TableBatch
{
    public const int MaxActions = 100;

    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxActions)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxActions} actions, not {actions.Count}.", nameof(actions));
        }

        var partitionKey = (actions[0] ?? throw new ArgumentException("An action is null.", nameof(actions))).Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (action?.Entity is null)
            {
                throw new ArgumentException("An action or its entity is null.", nameof(actions));
            }

            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("All actions of a transaction must share one PartitionKey.", nameof(actions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"RowKey '{action.Entity.RowKey}' appears twice; a transaction touches an entity once.", nameof(actions));
            }

            if (!Enum.IsDefined(action.ActionType))
            {
                throw new ArgumentException($"Unknown action type {action.ActionType}.", nameof(actions));
            }
        }
    }

    public static string BuildBody(Uri endpoint, string tableName, IReadOnlyList<TableTransactionAction> actions, string batchBoundary, string changesetBoundary)
    {
        var sb = new StringBuilder();
        sb.Append("--").Append(batchBoundary).Append("\r\n");
        sb.Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        foreach (var action in actions)
        {
            var entity = action.Entity;
            sb.Append("--").Append(changesetBoundary).Append("\r\n");
            sb.Append("Content-Type: application/http\r\n");
            sb.Append("Content-Transfer-Encoding: binary\r\n\r\n");

            var (method, uri, hasBody, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", TableUris.Table(endpoint, tableName), true, null),
                TableTransactionActionType.UpdateMerge => ("PATCH", EntityUri(), true, TableUris.IfMatch(action.ETag)),
                TableTransactionActionType.UpdateReplace => ("PUT", EntityUri(), true, TableUris.IfMatch(action.ETag)),
                TableTransactionActionType.UpsertMerge => ("PATCH", EntityUri(), true, (string?)null),
                TableTransactionActionType.UpsertReplace => ("PUT", EntityUri(), true, null),
                TableTransactionActionType.Delete => ("DELETE", EntityUri(), false, TableUris.IfMatch(action.ETag)),
                _ => throw new ArgumentException($"Unknown action type {action.ActionType}.", nameof(actions)),
            };

            sb.Append(method).Append(' ').Append(uri.AbsoluteUri).Append(" HTTP/1.1\r\n");
            sb.Append("Accept: application/json;odata=minimalmetadata\r\n");
            if (hasBody)
            {
                sb.Append("Content-Type: application/json\r\n");
            }

            if (action.ActionType == TableTransactionActionType.Add)
            {
                sb.Append("Prefer: return-no-content\r\n");
            }

            if (ifMatch is not null)
            {
                sb.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            sb.Append("DataServiceVersion: 3.0;\r\n\r\n");
            if (hasBody)
            {
                // One line of JSON (the writer escapes line breaks inside strings); Azurite's reader relies on it.
                sb.Append(Encoding.UTF8.GetString(EntityJson.Serialize(entity))).Append("\r\n");
            }

            Uri EntityUri() => TableUris.Entity(endpoint, tableName, entity.PartitionKey, entity.RowKey);
        }

        sb.Append("--").Append(changesetBoundary).Append("--\r\n");
        sb.Append("--").Append(batchBoundary).Append("--\r\n");
        return sb.ToString();
    }

    /// <summary>Reads a 202 batch response: the new ETags in action order, or the failure as <see cref="TableTransactionFailedException"/>.</summary>
    public static IReadOnlyList<ETag> ReadResult(string? contentType, string body, IReadOnlyList<TableTransactionAction> actions)
    {
        var boundary = MultipartReader.Boundary(contentType)
            ?? throw new RequestFailedException(202, $"The batch response is not multipart (Content-Type: {contentType}).", null, null);
        var responses = MultipartReader.ReadOperationResponses(body, boundary);

        var failed = responses.FirstOrDefault(r => r.Status >= 400);
        if (failed is not null)
        {
            throw Failure(failed.Status, failed.Body, failed.ContentId, actions.Count);
        }

        if (responses.Count != actions.Count)
        {
            throw new RequestFailedException(202, $"The batch response holds {responses.Count} results for {actions.Count} actions.", null, null);
        }

        // Responses come in request order; when every one names its Content-ID, trust that instead.
        var ordered = responses.All(r => r.ContentId is not null) && responses.Select(r => r.ContentId).Distinct().Count() == responses.Count
            ? responses.OrderBy(r => r.ContentId).ToList()
            : [.. responses];

        var etags = new ETag[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i].ActionType != TableTransactionActionType.Delete && ordered[i].Header("ETag") is { } etag)
            {
                etags[i] = new ETag(etag);
            }
        }

        return etags;
    }

    /// <summary>Builds the exception for a failed batch from an odata.error body whose message starts with "index:".</summary>
    public static TableTransactionFailedException Failure(int status, string? body, int? contentId, int actionCount)
    {
        string? code = null;
        string? message = null;
        if (!string.IsNullOrWhiteSpace(body) && body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.TryGetProperty("odata.error", out var error) || doc.RootElement.TryGetProperty("error", out error))
                {
                    code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    if (error.TryGetProperty("message", out var m))
                    {
                        message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
                    }
                }
            }
            catch (JsonException)
            {
                // Not the documented error shape; the status still says what happened.
            }
        }

        int? index = null;
        var firstLine = message?.Split('\n')[0].Trim() ?? string.Empty;
        var match = IndexPrefix().Match(firstLine);
        if (match.Success && int.TryParse(match.Groups["index"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            index = parsed;
            firstLine = match.Groups["rest"].Value;
        }
        else if (contentId is { } id && id >= 1 && id <= actionCount)
        {
            index = id - 1;
        }

        if (index is < 0 || index >= actionCount)
        {
            index = null;
        }

        var text = $"Transaction failed: {status} {code}{(index is null ? string.Empty : $" at action {index}")}. {firstLine}".TrimEnd(' ', '.') + ".";
        return new TableTransactionFailedException(status, text, code, index);
    }

    [GeneratedRegex(@"^(?<index>\d+):(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexPrefix();
}
