using Azure;
using ServerlessSupport.Storage.Tables;

namespace ServerlessSupport.Storage.Tests.Tables;

public sealed class TableBatchTests
{
    // The shape of the sample response in "Performing entity group transactions" (JSON, 2013-08-15 and later).
    private const string DocumentedSuccess =
        "--batchresponse_4c637ba4-b2e8-40f8-adb2-6d4e9ea1c6b8\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_ac1c2734-d86a-4e3c-84c9-a8ffa29e78bd\r\n" +
        "\r\n" +
        "--changesetresponse_ac1c2734-d86a-4e3c-84c9-a8ffa29e78bd\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 201 Created\r\n" +
        "Content-ID: 1\r\n" +
        "X-Content-Type-Options: nosniff\r\n" +
        "Cache-Control: no-cache\r\n" +
        "Preference-Applied: return-content\r\n" +
        "DataServiceVersion: 3.0;\r\n" +
        "Location: https://myaccount.table.core.windows.net/Blogs(PartitionKey='Channel_19',RowKey='1')\r\n" +
        "DataServiceId: https://myaccount.table.core.windows.net/Blogs(PartitionKey='Channel_19',RowKey='1')\r\n" +
        "Content-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n" +
        "ETag: W/\"datetime'2013-10-01T17%3A31%3A11.2341163Z'\"\r\n" +
        "\r\n" +
        "{\"odata.metadata\":\"https://myaccount.table.core.windows.net/$metadata#Blogs/@Element\",\"odata.etag\":\"W/\\\"datetime'2013-10-01T17%3A31%3A11.2341163Z'\\\"\",\"PartitionKey\":\"Channel_19\",\"RowKey\":\"1\",\"Timestamp\":\"2013-10-01T17:31:11.2341163Z\",\"Text\":\".NET...\",\"Rating\":9}\r\n" +
        "--changesetresponse_ac1c2734-d86a-4e3c-84c9-a8ffa29e78bd\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 204 No Content\r\n" +
        "Content-ID: 2\r\n" +
        "X-Content-Type-Options: nosniff\r\n" +
        "Cache-Control: no-cache\r\n" +
        "DataServiceVersion: 1.0;\r\n" +
        "ETag: W/\"datetime'2013-10-01T17%3A31%3A11.2351172Z'\"\r\n" +
        "\r\n" +
        "\r\n" +
        "--changesetresponse_ac1c2734-d86a-4e3c-84c9-a8ffa29e78bd\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 204 No Content\r\n" +
        "Content-ID: 3\r\n" +
        "X-Content-Type-Options: nosniff\r\n" +
        "Cache-Control: no-cache\r\n" +
        "DataServiceVersion: 1.0;\r\n" +
        "\r\n" +
        "\r\n" +
        "--changesetresponse_ac1c2734-d86a-4e3c-84c9-a8ffa29e78bd--\r\n" +
        "--batchresponse_4c637ba4-b2e8-40f8-adb2-6d4e9ea1c6b8--\r\n";

    // The shape of the documented sample error response: one part, the failing operation's index before the colon.
    private const string DocumentedError =
        "--batchresponse_dc0fea8c-ed83-4aa8-ac9b-bf56a2d46dfb\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_2f9bbd6f-3a24-4b0a-a71c-ecadf45b5e5d\r\n" +
        "\r\n" +
        "--changesetresponse_2f9bbd6f-3a24-4b0a-a71c-ecadf45b5e5d\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 400 Bad Request\r\n" +
        "Content-ID: 1\r\n" +
        "X-Content-Type-Options: nosniff\r\n" +
        "Cache-Control: no-cache\r\n" +
        "DataServiceVersion: 3.0;\r\n" +
        "Content-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n" +
        "\r\n" +
        "{\"odata.error\":{\"code\":\"InvalidInput\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:One of the request inputs is not valid.\\nRequestId:3ba4ee1b-0002-0008-5a1b-d5bf8e000000\\nTime:2013-10-01T17:33:41.3431304Z\"}}}\r\n" +
        "--changesetresponse_2f9bbd6f-3a24-4b0a-a71c-ecadf45b5e5d--\r\n" +
        "--batchresponse_dc0fea8c-ed83-4aa8-ac9b-bf56a2d46dfb--\r\n";

    // What Azurite 3.35 writes for a conflict on the third operation (TableBatchOrchestrator/TableBatchSerialization).
    private const string AzuriteConflict =
        "--batchresponse_5f7b1b8e-1a2b-4c3d-9e8f-001122334455\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3\r\n\r\n" +
        "--changesetresponse_0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3\r\n" +
        "Content-Type: application/http\r\n" +
        "Content-Transfer-Encoding: binary\r\n" +
        "\r\n" +
        "HTTP/1.1 409 Conflict\r\n" +
        "Content-ID: 3\r\n" +
        "DataServiceVersion: 3.0;\r\n" +
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n" +
        "\r\n" +
        "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"2:The specified entity already exists.\\nRequestId:1\\nTime:2026-01-05T09:00:00.0000000Z\"}}}\r\n" +
        "--changesetresponse_0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3--\r\n" +
        "--batchresponse_5f7b1b8e-1a2b-4c3d-9e8f-001122334455--";

    [Fact]
    public void ReadResult_DocumentedSuccess_ReturnsETagsInOrderAndDefaultForDelete()
    {
        var actions = Actions(TableTransactionActionType.Add, TableTransactionActionType.UpdateMerge, TableTransactionActionType.Delete);

        var etags = TableBatch.ReadResult("multipart/mixed; boundary=batchresponse_4c637ba4-b2e8-40f8-adb2-6d4e9ea1c6b8", DocumentedSuccess, actions);

        Assert.Equal(new ETag("W/\"datetime'2013-10-01T17%3A31%3A11.2341163Z'\""), etags[0]);
        Assert.Equal(new ETag("W/\"datetime'2013-10-01T17%3A31%3A11.2351172Z'\""), etags[1]);
        Assert.Equal(default, etags[2]);
    }

    [Fact]
    public void ReadResult_DocumentedSuccessWithBareLineFeeds_ParsesTheSame()
    {
        var actions = Actions(TableTransactionActionType.Add, TableTransactionActionType.UpdateMerge, TableTransactionActionType.Delete);

        var etags = TableBatch.ReadResult(
            "multipart/mixed; boundary=\"batchresponse_4c637ba4-b2e8-40f8-adb2-6d4e9ea1c6b8\"", DocumentedSuccess.Replace("\r\n", "\n", StringComparison.Ordinal), actions);

        Assert.Equal(3, etags.Count);
        Assert.Equal(new ETag("W/\"datetime'2013-10-01T17%3A31%3A11.2351172Z'\""), etags[1]);
    }

    [Fact]
    public void ReadResult_DocumentedError_ThrowsWithStatusCodeAndIndex()
    {
        var actions = Actions(TableTransactionActionType.Add, TableTransactionActionType.Add, TableTransactionActionType.Add);

        var ex = Assert.Throws<TableTransactionFailedException>(
            () => TableBatch.ReadResult("multipart/mixed; boundary=batchresponse_dc0fea8c-ed83-4aa8-ac9b-bf56a2d46dfb", DocumentedError, actions));

        Assert.Equal(400, ex.Status);
        Assert.Equal("InvalidInput", ex.ErrorCode);
        Assert.Equal(1, ex.FailedIndex);
        Assert.Contains("One of the request inputs is not valid", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResult_AzuriteConflict_ThrowsWithStatusCodeAndIndex()
    {
        var actions = Actions(TableTransactionActionType.Add, TableTransactionActionType.Add, TableTransactionActionType.Add, TableTransactionActionType.Add);

        var ex = Assert.Throws<TableTransactionFailedException>(
            () => TableBatch.ReadResult("multipart/mixed; boundary=batchresponse_5f7b1b8e-1a2b-4c3d-9e8f-001122334455", AzuriteConflict, actions));

        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.Equal(2, ex.FailedIndex);
    }

    [Fact]
    public void Failure_NoIndexPrefix_FallsBackToContentId()
    {
        var ex = TableBatch.Failure(404, "{\"odata.error\":{\"code\":\"ResourceNotFound\",\"message\":{\"lang\":\"en-US\",\"value\":\"Not found.\"}}}", 4, 5);

        Assert.Equal(3, ex.FailedIndex);
        Assert.Equal("ResourceNotFound", ex.ErrorCode);
    }

    [Fact]
    public void Failure_IndexOutOfRangeOrUnparseableBody_LeavesIndexNull()
    {
        Assert.Null(TableBatch.Failure(400, "{\"odata.error\":{\"code\":\"InvalidInput\",\"message\":{\"value\":\"7:bad\"}}}", null, 3).FailedIndex);
        var ex = TableBatch.Failure(400, "<html>oops</html>", null, 3);
        Assert.Null(ex.FailedIndex);
        Assert.Equal(400, ex.Status);
    }

    [Fact]
    public void ReadResult_PartCountMismatch_Throws()
    {
        var actions = Actions(TableTransactionActionType.Add, TableTransactionActionType.Add);

        Assert.Throws<RequestFailedException>(
            () => TableBatch.ReadResult("multipart/mixed; boundary=batchresponse_4c637ba4-b2e8-40f8-adb2-6d4e9ea1c6b8", DocumentedSuccess, actions));
        Assert.Throws<RequestFailedException>(() => TableBatch.ReadResult("application/json", "{}", actions));
    }

    [Fact]
    public void BuildBody_WritesOneChangeSetWithAbsoluteUrlsVerbsAndConditions()
    {
        var endpoint = new Uri("http://127.0.0.1:10002/devstoreaccount1/");
        var etag = new ETag("W/\"datetime'2026-01-05T09%3A00%3A00Z'\"");
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, EntityBuilder.For("it's", "a").With("S", "x\ny").Build()),
            new(TableTransactionActionType.UpdateMerge, EntityBuilder.For("it's", "b").Build(), etag),
            new(TableTransactionActionType.UpdateReplace, EntityBuilder.For("it's", "c").Build()),
            new(TableTransactionActionType.UpsertMerge, EntityBuilder.For("it's", "d").Build()),
            new(TableTransactionActionType.UpsertReplace, EntityBuilder.For("it's", "e").Build()),
            new(TableTransactionActionType.Delete, EntityBuilder.For("it's", "f").Build(), etag),
        ];

        var body = TableBatch.BuildBody(endpoint, "tickets", actions, "batch_1", "changeset_2");

        var batchParts = MultipartReader.ReadParts(body, "batch_1");
        var changeset = Assert.Single(batchParts);
        Assert.Equal("changeset_2", MultipartReader.Boundary(changeset.Header("Content-Type")));
        var requests = MultipartReader.ReadParts(changeset.Body, "changeset_2");
        Assert.Equal(6, requests.Count);
        Assert.All(requests, r => Assert.Equal("application/http", r.Header("Content-Type")));
        Assert.All(requests, r => Assert.Equal("binary", r.Header("Content-Transfer-Encoding")));

        string RequestLine(int i) => requests[i].Body.Split("\r\n")[0];
        Assert.Equal("POST http://127.0.0.1:10002/devstoreaccount1/tickets HTTP/1.1", RequestLine(0));
        Assert.Equal("PATCH http://127.0.0.1:10002/devstoreaccount1/tickets(PartitionKey='it%27%27s',RowKey='b') HTTP/1.1", RequestLine(1));
        Assert.StartsWith("PUT ", RequestLine(2), StringComparison.Ordinal);
        Assert.StartsWith("PATCH ", RequestLine(3), StringComparison.Ordinal);
        Assert.StartsWith("PUT ", RequestLine(4), StringComparison.Ordinal);
        Assert.StartsWith("DELETE ", RequestLine(5), StringComparison.Ordinal);

        Assert.Contains("Prefer: return-no-content", requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("If-Match: " + etag, requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("If-Match: *", requests[2].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("If-Match", requests[3].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("If-Match", requests[4].Body, StringComparison.Ordinal);
        Assert.Contains("If-Match: " + etag, requests[5].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{", requests[5].Body, StringComparison.Ordinal);
        Assert.EndsWith("--batch_1--\r\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Continuation_EncodeThenDecode_RoundTrips()
    {
        var token = TableContinuation.Encode("1!8!cGsx", "1!12!cm93LTAwMQ--");
        Assert.NotNull(token);
        Assert.Equal(("1!8!cGsx", "1!12!cm93LTAwMQ--"), TableContinuation.Decode(token));

        var partitionOnly = TableContinuation.Encode("1!8!cGsx", null)!;
        Assert.Equal(("1!8!cGsx", (string?)null), TableContinuation.Decode(partitionOnly));
        Assert.Null(TableContinuation.Encode(null, null));
    }

    private static TableTransactionAction[] Actions(params TableTransactionActionType[] types) =>
        [.. types.Select((t, i) => new TableTransactionAction(t, EntityBuilder.For("p", $"r{i}").Build()))];
}
