using System.Security.Cryptography;
using System.Text;
using ServerlessSupport.Storage.Account;
using ServerlessSupport.Storage.Http;

namespace ServerlessSupport.Storage.Tests.Http;

/// <summary>
/// The expected strings are written out by hand from "Authorize with Shared Key" so a signer bug cannot hide
/// behind a test that reuses the signer's own logic.
/// </summary>
public sealed class SharedKeySignerTests
{
    private const string Date = "Mon, 05 Jan 2026 09:00:00 GMT";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a fixed test key, not a secret");

    [Fact]
    public void StringToSign_QueueGetMessages_MatchesDocumentedFormat()
    {
        var actual = SharedKeySigner.StringToSign(
            StorageService.Queue,
            "myaccount",
            "GET",
            new Uri("https://myaccount.queue.core.windows.net/myqueue/messages?numofmessages=2&visibilitytimeout=30"),
            Headers(("x-ms-version", "2024-11-04"), ("x-ms-date", Date)),
            null);

        const string expected =
            "GET\n" + // verb
            "\n" + // Content-Encoding
            "\n" + // Content-Language
            "\n" + // Content-Length
            "\n" + // Content-MD5
            "\n" + // Content-Type
            "\n" + // Date
            "\n" + // If-Modified-Since
            "\n" + // If-Match
            "\n" + // If-None-Match
            "\n" + // If-Unmodified-Since
            "\n" + // Range
            "x-ms-date:Mon, 05 Jan 2026 09:00:00 GMT\n" +
            "x-ms-version:2024-11-04\n" +
            "/myaccount/myqueue/messages\n" +
            "numofmessages:2\n" +
            "visibilitytimeout:30";
        Assert.Equal(expected, actual);
        Assert.Equal(Hmac(expected), SharedKeySigner.Sign(actual, Key));
    }

    [Fact]
    public void StringToSign_TableEntityGet_UsesTableFormatWithoutQuery()
    {
        var actual = SharedKeySigner.StringToSign(
            StorageService.Table,
            "myaccount",
            "GET",
            new Uri("https://myaccount.table.core.windows.net/mytable(PartitionKey='a',RowKey='b')?$select=Name"),
            Headers(("x-ms-date", Date), ("x-ms-version", "2024-11-04"), ("Accept", "application/json;odata=nometadata")),
            null);

        const string expected =
            "GET\n" + // verb
            "\n" + // Content-MD5
            "\n" + // Content-Type
            "Mon, 05 Jan 2026 09:00:00 GMT\n" + // x-ms-date stands in for Date
            "/myaccount/mytable(PartitionKey='a',RowKey='b')";
        Assert.Equal(expected, actual);
        Assert.Equal(Hmac(expected), SharedKeySigner.Sign(actual, Key));
    }

    [Fact]
    public void StringToSign_TableWithComp_KeepsOnlyComp()
    {
        var actual = SharedKeySigner.StringToSign(
            StorageService.Table,
            "myaccount",
            "PUT",
            new Uri("https://myaccount.table.core.windows.net/mytable?timeout=30&comp=acl"),
            Headers(("x-ms-date", Date), ("Content-Type", "application/xml")),
            42);

        const string expected =
            "PUT\n" +
            "\n" +
            "application/xml\n" +
            "Mon, 05 Jan 2026 09:00:00 GMT\n" +
            "/myaccount/mytable?comp=acl";
        Assert.Equal(expected, actual);
        Assert.Equal(Hmac(expected), SharedKeySigner.Sign(actual, Key));
    }

    [Fact]
    public void StringToSign_PutBlobWithLengthTypeAndMetadata_IncludesThemInOrder()
    {
        var actual = SharedKeySigner.StringToSign(
            StorageService.Blob,
            "myaccount",
            "PUT",
            new Uri("https://myaccount.blob.core.windows.net/mycontainer/inbound/my%20blob.eml"),
            Headers(
                ("x-ms-version", "2024-11-04"),
                ("Content-Type", "message/rfc822"),
                ("x-ms-blob-type", "BlockBlob"),
                ("X-MS-Meta-Source", " sendgrid "),
                ("x-ms-date", Date),
                ("If-None-Match", "*")),
            11);

        const string expected =
            "PUT\n" +
            "\n" + // Content-Encoding
            "\n" + // Content-Language
            "11\n" + // Content-Length
            "\n" + // Content-MD5
            "message/rfc822\n" + // Content-Type
            "\n" + // Date
            "\n" + // If-Modified-Since
            "\n" + // If-Match
            "*\n" + // If-None-Match
            "\n" + // If-Unmodified-Since
            "\n" + // Range
            "x-ms-blob-type:BlockBlob\n" +
            "x-ms-date:Mon, 05 Jan 2026 09:00:00 GMT\n" +
            "x-ms-meta-source:sendgrid\n" + // name lower-cased, value trimmed
            "x-ms-version:2024-11-04\n" +
            "/myaccount/mycontainer/inbound/my%20blob.eml";
        Assert.Equal(expected, actual);
        Assert.Equal(Hmac(expected), SharedKeySigner.Sign(actual, Key));
    }

    [Fact]
    public void StringToSign_ZeroContentLength_IsEmpty()
    {
        var actual = SharedKeySigner.StringToSign(
            StorageService.Queue, "myaccount", "PUT", new Uri("https://myaccount.queue.core.windows.net/myqueue"), Headers(("x-ms-date", Date)), 0);

        Assert.Equal("PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Mon, 05 Jan 2026 09:00:00 GMT\n/myaccount/myqueue", actual);
    }

    [Fact]
    public void StringToSign_RepeatedAndUpperCaseQueryParameters_AreLowerCasedDecodedAndSorted()
    {
        var actual = SharedKeySigner.StringToSign(
            StorageService.Blob,
            "myaccount",
            "GET",
            new Uri("https://myaccount.blob.core.windows.net/mycontainer?restype=container&Include=snapshots&comp=list&include=metadata&Prefix=in%2Fbound"),
            Headers(("x-ms-date", Date)),
            null);

        const string expected =
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-date:Mon, 05 Jan 2026 09:00:00 GMT\n" +
            "/myaccount/mycontainer\n" +
            "comp:list\n" +
            "include:metadata,snapshots\n" + // one name, values sorted
            "prefix:in/bound\n" + // decoded
            "restype:container";
        Assert.Equal(expected, actual);
        Assert.Equal(Hmac(expected), SharedKeySigner.Sign(actual, Key));
    }

    [Fact]
    public void StringToSign_PathStyleEmulatorUri_RepeatsAccountName()
    {
        var actual = SharedKeySigner.StringToSign(
            StorageService.Queue,
            "devstoreaccount1",
            "DELETE",
            new Uri("http://127.0.0.1:10001/devstoreaccount1/myqueue"),
            Headers(("x-ms-date", Date)),
            null);

        Assert.EndsWith("\n/devstoreaccount1/devstoreaccount1/myqueue", actual, StringComparison.Ordinal);
    }

    private static KeyValuePair<string, string>[] Headers(params (string Name, string Value)[] headers) =>
        [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))];

    private static string Hmac(string text)
    {
        using var hmac = new HMACSHA256(Key);
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }
}
