using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Http;

namespace ServerlessSupport.Storage.Tables;

/// <summary>
/// One table of the Azure Table service over its REST API (JSON, odata=minimalmetadata) on an Azure.Core pipeline
/// made by <see cref="StoragePipeline.Create"/> for <see cref="Account.StorageService.Table"/>. Failures surface as
/// <see cref="RequestFailedException"/> with the service's status and error code.
/// </summary>
public sealed class StorageTableClient
{
    private const string JsonAccept = "application/json;odata=minimalmetadata";
    private const string JsonContentType = "application/json";

    private static readonly RequestMethod Patch = RequestMethod.Patch;

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public StorageTableClient(HttpPipeline pipeline, Uri tableServiceEndpoint, string tableName)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(tableServiceEndpoint);
        _pipeline = pipeline;
        _endpoint = tableServiceEndpoint.AbsoluteUri.EndsWith('/') ? tableServiceEndpoint : new Uri(tableServiceEndpoint.AbsoluteUri + "/");
        Name = TableNames.ValidateTableName(tableName);
    }

    public string Name { get; }

    /// <summary>Creates the table; false when it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var body = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("TableName", Name);
            writer.WriteEndObject();
        }

        using var message = CreateMessage(RequestMethod.Post, TableUris.Tables(_endpoint));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, body.WrittenSpan.ToArray());
        var response = await SendAsync(message, cancellationToken);
        if (response.Status == 409 && ErrorCode(response) == "TableAlreadyExists")
        {
            return false;
        }

        StorageErrors.ThrowIfFailed(response, $"Create table {Name}");
        return true;
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, new Uri(_endpoint, "Tables('" + Name + "')"));
        var response = await SendAsync(message, cancellationToken);
        if (response.Status != 404)
        {
            StorageErrors.ThrowIfFailed(response, $"Delete table {Name}");
        }
    }

    /// <summary>Reads one entity; null when it does not exist.</summary>
    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        TableNames.ValidateKey(partitionKey, nameof(partitionKey));
        TableNames.ValidateKey(rowKey, nameof(rowKey));
        var uri = TableUris.Entity(_endpoint, Name, partitionKey, rowKey);
        if (SelectValue(select) is { } selectValue)
        {
            uri = new Uri(uri.AbsoluteUri + "?$select=" + Uri.EscapeDataString(selectValue));
        }

        using var message = CreateMessage(RequestMethod.Get, uri);
        var response = await SendAsync(message, cancellationToken);
        if (response.Status == 404)
        {
            return null;
        }

        StorageErrors.ThrowIfFailed(response, $"Get entity from {Name}");
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        var entity = EntityJson.Read(doc.RootElement, partitionKey, rowKey);
        if (entity.ETag == default && response.ETagHeader() is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    /// <summary>Inserts a new entity; an existing one fails with 409 EntityAlreadyExists.</summary>
    public async Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, TableUris.Table(_endpoint, Name));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, EntityJson.Serialize(entity));
        var response = await SendAsync(message, cancellationToken);
        StorageErrors.ThrowIfFailed(response, $"Add entity to {Name}");
        return RequireETag(response);
    }

    /// <summary>
    /// Updates an existing entity if its ETag still matches (<see cref="ETag.All"/> or default: any version).
    /// A changed entity fails with 412 UpdateConditionNotSatisfied, a missing one with 404.
    /// </summary>
    public async Task<ETag> UpdateAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(MethodFor(mode), TableUris.Entity(_endpoint, Name, entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue("If-Match", TableUris.IfMatch(ifMatch));
        SetJsonContent(message.Request, EntityJson.Serialize(entity));
        var response = await SendAsync(message, cancellationToken);
        StorageErrors.ThrowIfFailed(response, $"Update entity in {Name}");
        return RequireETag(response);
    }

    /// <summary>Inserts the entity or, when it exists, merges into or replaces it.</summary>
    public async Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(MethodFor(mode), TableUris.Entity(_endpoint, Name, entity.PartitionKey, entity.RowKey));
        SetJsonContent(message.Request, EntityJson.Serialize(entity));
        var response = await SendAsync(message, cancellationToken);
        StorageErrors.ThrowIfFailed(response, $"Upsert entity in {Name}");
        return RequireETag(response);
    }

    /// <summary>Deletes an entity (default ETag: any version); a missing one fails with 404, a changed one with 412.</summary>
    public async Task DeleteAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        var response = await SendDeleteAsync(partitionKey, rowKey, ifMatch, cancellationToken);
        StorageErrors.ThrowIfFailed(response, $"Delete entity from {Name}");
    }

    /// <summary>Deletes an entity; false when it did not exist. A changed one still fails with 412.</summary>
    public async Task<bool> DeleteIfExistsAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        var response = await SendDeleteAsync(partitionKey, rowKey, ifMatch, cancellationToken);
        if (response.Status == 404)
        {
            return false;
        }

        StorageErrors.ThrowIfFailed(response, $"Delete entity from {Name}");
        return true;
    }

    /// <summary>
    /// One page of a query (the service returns at most 1,000 entities, fewer when <paramref name="top"/> says so,
    /// and may return fewer still with a token). Build <paramref name="filter"/> with <see cref="TableFilter.Format"/>.
    /// </summary>
    public async Task<TablePage> QueryPageAsync(
        string? filter = null,
        IEnumerable<string>? select = null,
        int? top = null,
        string? continuationToken = null,
        CancellationToken cancellationToken = default)
    {
        if (top is <= 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, "$top must be 1 to 1000.");
        }

        var query = new List<(string Name, string Value)>();
        if (!string.IsNullOrEmpty(filter))
        {
            query.Add(("$filter", filter));
        }

        if (SelectValue(select) is { } selectValue)
        {
            query.Add(("$select", selectValue));
        }

        if (top is { } t)
        {
            query.Add(("$top", t.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (continuationToken is not null)
        {
            var (nextPartitionKey, nextRowKey) = TableContinuation.Decode(continuationToken);
            query.Add(("NextPartitionKey", nextPartitionKey));
            if (nextRowKey is not null)
            {
                query.Add(("NextRowKey", nextRowKey));
            }
        }

        var uri = new StringBuilder(TableUris.Table(_endpoint, Name).AbsoluteUri).Append("()");
        for (var i = 0; i < query.Count; i++)
        {
            uri.Append(i == 0 ? '?' : '&').Append(query[i].Name).Append('=').Append(Uri.EscapeDataString(query[i].Value));
        }

        using var message = CreateMessage(RequestMethod.Get, new Uri(uri.ToString()));
        var response = await SendAsync(message, cancellationToken);
        StorageErrors.ThrowIfFailed(response, $"Query {Name}");

        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        var items = new List<TableEntity>();
        if (doc.RootElement.TryGetProperty("value", out var value))
        {
            foreach (var element in value.EnumerateArray())
            {
                items.Add(EntityJson.Read(element));
            }
        }

        var token = TableContinuation.Encode(
            response.Header("x-ms-continuation-NextPartitionKey"),
            response.Header("x-ms-continuation-NextRowKey"));
        return new TablePage(items, token);
    }

    /// <summary>Every entity matching the query, page after page.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(
        string? filter = null,
        IEnumerable<string>? select = null,
        int? maxPerPage = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var selectList = select?.ToList();
        string? token = null;
        do
        {
            var page = await QueryPageAsync(filter, selectList, maxPerPage, token, cancellationToken);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>
    /// Runs 1 to 100 actions on one partition as one entity group transaction: all of them or none. A failure throws
    /// <see cref="TableTransactionFailedException"/> with the failing action's status, error code and index.
    /// Returns the new ETag of each action (default for deletes).
    /// </summary>
    public async Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableBatch.Validate(actions);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D");
        var body = TableBatch.BuildBody(_endpoint, Name, actions, batchBoundary, changesetBoundary);

        using var message = CreateMessage(RequestMethod.Post, new Uri(_endpoint, "$batch"));
        message.Request.Headers.SetValue("Accept", "multipart/mixed");
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body));
        var response = await SendAsync(message, cancellationToken);
        if (response.Status >= 400)
        {
            throw TableBatch.Failure(response.Status, response.Content.ToString(), null, actions.Count);
        }

        return TableBatch.ReadResult(response.Header("Content-Type"), response.Content.ToString(), actions);
    }

    private static RequestMethod MethodFor(TableUpdateMode mode) => mode switch
    {
        TableUpdateMode.Merge => Patch,
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static string? SelectValue(IEnumerable<string>? select)
    {
        if (select is null)
        {
            return null;
        }

        var names = new List<string> { TableNames.PartitionKey, TableNames.RowKey };
        foreach (var name in select)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(select));
            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"'{name}' is not a property name.", nameof(select));
            }

            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return string.Join(",", names);
    }

    private static void SetJsonContent(Request request, byte[] json)
    {
        request.Headers.SetValue("Content-Type", JsonContentType);
        request.Content = RequestContent.Create(json);
    }

    private static ETag RequireETag(Response response) =>
        response.ETagHeader() ?? throw new RequestFailedException(response.Status, "The service returned no ETag.", null, null);

    private static string? ErrorCode(Response response) => StorageErrors.ToException(response, string.Empty).ErrorCode;

    private async Task<Response> SendDeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        TableNames.ValidateKey(partitionKey, nameof(partitionKey));
        TableNames.ValidateKey(rowKey, nameof(rowKey));
        using var message = CreateMessage(RequestMethod.Delete, TableUris.Entity(_endpoint, Name, partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", TableUris.IfMatch(ifMatch));
        return await SendAsync(message, cancellationToken);
    }

    private HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("Accept", JsonAccept);
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken);

        // The response is buffered, so it stays readable after the message is disposed.
        return message.Response;
    }
}
