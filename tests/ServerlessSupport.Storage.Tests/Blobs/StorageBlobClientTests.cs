using Azure;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Blobs;

[Collection(AzuriteCollection.Name)]
public sealed class StorageBlobClientTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task CreateIfNotExists_Twice_ReturnsTrueThenFalse()
    {
        var container = BlobTestContext.Container(fixture);

        Assert.True(await container.CreateIfNotExistsAsync());
        Assert.False(await container.CreateIfNotExistsAsync());
    }

    [Fact]
    public async Task PutDownloadDelete_Blob_RoundTripsThenIsGone()
    {
        var container = await BlobTestContext.NewContainerAsync(fixture);
        var blob = container.GetBlob("payload.bin");
        byte[] bytes = [0, 1, 2, 255, 254, 10, 13];

        var etag = await blob.PutAsync(BinaryData.FromBytes(bytes));
        var exists = await blob.ExistsAsync();
        var download = await blob.DownloadAsync();

        Assert.True(exists);
        Assert.Equal(bytes, download.Content.ToArray());
        Assert.Equal(etag, download.ETag);
        Assert.Equal("application/octet-stream", download.ContentType);
        Assert.True(await blob.DeleteIfExistsAsync());
        Assert.False(await blob.DeleteIfExistsAsync());
        Assert.False(await blob.ExistsAsync());
    }

    [Fact]
    public async Task Put_ContentTypeAndMetadata_RoundTrip()
    {
        var container = await BlobTestContext.NewContainerAsync(fixture);
        var blob = container.GetBlob("mail.eml");
        var metadata = new Dictionary<string, string> { ["source"] = "sendgrid", ["TicketId"] = "T-42", ["_n"] = "" };

        await blob.PutAsync(BinaryData.FromString("Subject: hi\r\n\r\nbody"), "message/rfc822", metadata);
        var download = await blob.DownloadAsync();

        Assert.Equal("message/rfc822", download.ContentType);
        Assert.Equal("Subject: hi\r\n\r\nbody", download.Content.ToString());
        Assert.Equal("sendgrid", download.Metadata["source"]);
        Assert.Equal("T-42", download.Metadata["ticketid"]); // names compare ignoring case
    }

    [Fact]
    public async Task Put_OverwriteTrue_ReplacesContentAndChangesETag()
    {
        var container = await BlobTestContext.NewContainerAsync(fixture);
        var blob = container.GetBlob("state.json");

        var first = await blob.PutAsync(BinaryData.FromString("1"));
        var second = await blob.PutAsync(BinaryData.FromString("2"));

        Assert.NotEqual(first, second);
        Assert.Equal("2", (await blob.DownloadAsync()).Content.ToString());
    }

    [Fact]
    public async Task Put_OverwriteFalseOnExistingBlob_Throws409AndKeepsContent()
    {
        var container = await BlobTestContext.NewContainerAsync(fixture);
        var blob = container.GetBlob("once.txt");
        await blob.PutAsync(BinaryData.FromString("first"), overwrite: false);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => blob.PutAsync(BinaryData.FromString("second"), overwrite: false));

        Assert.Equal(409, ex.Status);
        Assert.Equal("BlobAlreadyExists", ex.ErrorCode);
        Assert.Equal("first", (await blob.DownloadAsync()).Content.ToString());
    }

    [Fact]
    public async Task Download_MissingBlob_Throws404BlobNotFound()
    {
        var container = await BlobTestContext.NewContainerAsync(fixture);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlob("missing").DownloadAsync());

        Assert.Equal(404, ex.Status);
        Assert.Equal("BlobNotFound", ex.ErrorCode);
    }

    [Fact]
    public async Task Put_NameWithDirectoriesAndReservedCharacters_RoundTrips()
    {
        var container = await BlobTestContext.NewContainerAsync(fixture);
        var blob = container.GetBlob("inbound/2026/01/05/msg #1 ?&+%é.eml");

        await blob.PutAsync(BinaryData.FromString("x"), "text/plain");

        Assert.Equal("x", (await container.GetBlob("inbound/2026/01/05/msg #1 ?&+%é.eml").DownloadAsync()).Content.ToString());
        Assert.False(await container.GetBlob("inbound/2026/01/05/msg #1").ExistsAsync());
    }

    [Fact]
    public async Task Put_EmptyContent_StoresZeroBytes()
    {
        var container = await BlobTestContext.NewContainerAsync(fixture);
        var blob = container.GetBlob("empty");

        await blob.PutAsync(BinaryData.Empty);

        Assert.Empty((await blob.DownloadAsync()).Content.ToArray());
    }

    [Fact]
    public async Task DeleteIfExists_MissingContainer_ReturnsFalse()
    {
        var container = BlobTestContext.Container(fixture);

        Assert.False(await container.GetBlob("x").DeleteIfExistsAsync());
    }

    [Theory]
    [InlineData("has-hyphen")]
    [InlineData("1digit")]
    [InlineData("sp ace")]
    [InlineData("ümlaut")]
    public async Task Put_MetadataNameNotIdentifier_ThrowsArgumentException(string name)
    {
        var blob = BlobTestContext.Container(fixture).GetBlob("b");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            blob.PutAsync(BinaryData.FromString("x"), metadata: new Dictionary<string, string> { [name] = "v" }));
    }

    [Fact]
    public async Task Put_MetadataValueNotAscii_ThrowsArgumentException()
    {
        var blob = BlobTestContext.Container(fixture).GetBlob("b");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            blob.PutAsync(BinaryData.FromString("x"), metadata: new Dictionary<string, string> { ["name"] = "Grüße" }));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("a--b")]
    [InlineData("-ab")]
    [InlineData("ab-")]
    [InlineData("a_b")]
    public void Constructor_IllegalContainerName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => BlobTestContext.Container(fixture, name));
    }

    [Fact]
    public void GetBlob_EmptyOrTooLongName_ThrowsArgumentException()
    {
        var container = BlobTestContext.Container(fixture);

        Assert.Throws<ArgumentException>(() => container.GetBlob(""));
        Assert.Throws<ArgumentException>(() => container.GetBlob(new string('a', 1025)));
    }
}
