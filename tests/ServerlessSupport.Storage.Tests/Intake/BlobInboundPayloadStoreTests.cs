using System.Text;
using ServerlessSupport.Core.Queues;
using ServerlessSupport.Storage.Intake;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Intake;

[Collection(AzuriteCollection.Name)]
public sealed class BlobInboundPayloadStoreTests(AzuriteFixture fixture)
{
    private static readonly InboundQueueMessage Pointer = new("2026/03/02/p1", InboundQueueMessage.SendGridFormat, "multipart/form-data; boundary=x", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    private async Task<(BlobInboundPayloadStore Store, Azure.Storage.Blobs.BlobContainerClient Payloads, Azure.Storage.Blobs.BlobContainerClient Quarantine, Azure.Storage.Blobs.BlobContainerClient Attachments)> CreateAsync()
    {
        var payloads = await fixture.NewContainerAsync("in");
        var quarantine = await fixture.NewContainerAsync("quar");
        var attachments = await fixture.NewContainerAsync("att");
        return (new BlobInboundPayloadStore(payloads, quarantine, attachments), payloads, quarantine, attachments);
    }

    [Fact]
    public async Task SaveAsync_ThenGet_SameBytesWithContentTypeAndFormat()
    {
        var (store, payloads, _, _) = await CreateAsync();
        var body = Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhé\r\n--x--");

        await store.SaveAsync(Pointer, body, quarantine: false, default);

        Assert.Equal(body, (await store.GetAsync(Pointer, default))!.Value.ToArray());
        var properties = (await payloads.GetBlobClient(Pointer.IntakeId).GetPropertiesAsync()).Value;
        Assert.Equal(Pointer.ContentType, properties.ContentType);
        Assert.Equal(InboundQueueMessage.SendGridFormat, properties.Metadata["format"]);
    }

    [Fact]
    public async Task SaveAsync_Quarantine_GoesToTheQuarantineContainerOnly()
    {
        var (store, payloads, quarantine, _) = await CreateAsync();

        await store.SaveAsync(Pointer, new byte[] { 1, 2, 3 }, quarantine: true, default);

        Assert.True(await quarantine.GetBlobClient(Pointer.IntakeId).ExistsAsync());
        Assert.False(await payloads.GetBlobClient(Pointer.IntakeId).ExistsAsync());
        Assert.Null(await store.GetAsync(Pointer, default));
    }

    [Fact]
    public async Task SaveAttachmentAsync_OddFileNameTwice_OneSafeBlobOverwritten()
    {
        var (store, _, _, attachments) = await CreateAsync();

        var first = await store.SaveAttachmentAsync("m-abc", 0, "../Rechnung März?.pdf", "application/pdf", new byte[] { 1 }, default);
        var second = await store.SaveAttachmentAsync("m-abc", 0, "../Rechnung März?.pdf", "application/pdf", new byte[] { 2 }, default);

        Assert.Equal(first, second);
        Assert.Equal("m-abc/00-.._Rechnung_M_rz_.pdf", first);
        var blobs = new List<string>();
        await foreach (var blob in attachments.GetBlobsAsync())
        {
            blobs.Add(blob.Name);
        }

        Assert.Equal([first], blobs);
        var content = await attachments.GetBlobClient(first).DownloadContentAsync();
        Assert.Equal(new byte[] { 2 }, content.Value.Content.ToArray());
        Assert.Equal("application/pdf", content.Value.Details.ContentType);
    }
}
