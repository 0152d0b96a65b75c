using Azure;
using ServerlessSupport.Storage.Blobs;
using ServerlessSupport.Testing;

namespace ServerlessSupport.Storage.Tests.Blobs;

[Collection(AzuriteCollection.Name)]
public sealed class BlobLeaseTests(AzuriteFixture fixture)
{
    private static readonly TimeSpan Fifteen = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AcquireLease_HeldByAnother_Throws409LeaseAlreadyPresent()
    {
        var blob = await NewBlobAsync();
        var first = await blob.AcquireLeaseAsync(Fifteen);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => blob.AcquireLeaseAsync(Fifteen));

        Assert.False(string.IsNullOrEmpty(first));
        Assert.Equal(409, ex.Status);
        Assert.Equal("LeaseAlreadyPresent", ex.ErrorCode);
    }

    [Fact]
    public async Task RenewAndRelease_Holder_LetsSecondHolderAcquireWithProposedId()
    {
        var blob = await NewBlobAsync();
        var first = await blob.AcquireLeaseAsync(Fifteen);
        await blob.RenewLeaseAsync(first);

        await blob.ReleaseLeaseAsync(first);
        var proposed = Guid.NewGuid().ToString();
        var second = await blob.AcquireLeaseAsync(TimeSpan.FromSeconds(60), proposed);

        Assert.Equal(proposed, second);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => blob.RenewLeaseAsync(first));
        Assert.Equal(409, ex.Status);
    }

    [Fact]
    public async Task Put_WhileLeased_NeedsTheLeaseId()
    {
        var blob = await NewBlobAsync();
        var leaseId = await blob.AcquireLeaseAsync(TimeSpan.FromSeconds(60));

        var withoutLease = await Assert.ThrowsAsync<RequestFailedException>(() => blob.PutAsync(BinaryData.FromString("intruder")));
        var wrongLease = await Assert.ThrowsAsync<RequestFailedException>(
            () => blob.PutAsync(BinaryData.FromString("intruder"), leaseId: Guid.NewGuid().ToString()));
        await blob.PutAsync(BinaryData.FromString("holder"), leaseId: leaseId);

        Assert.Equal(412, withoutLease.Status);
        Assert.Equal("LeaseIdMissing", withoutLease.ErrorCode);
        Assert.Equal(412, wrongLease.Status);
        Assert.Equal("holder", (await blob.DownloadAsync()).Content.ToString());
    }

    [Fact]
    public async Task BreakLease_ZeroPeriod_BreaksAtOnceAndAnotherCanAcquire()
    {
        var blob = await NewBlobAsync();
        var first = await blob.AcquireLeaseAsync(Timeout.InfiniteTimeSpan);

        var remaining = await blob.BreakLeaseAsync(TimeSpan.Zero);
        var second = await blob.AcquireLeaseAsync(Fifteen);

        Assert.Equal(TimeSpan.Zero, remaining);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task BreakLease_WithPeriod_ReportsTimeLeftAndKeepsItHeld()
    {
        var blob = await NewBlobAsync();
        await blob.AcquireLeaseAsync(TimeSpan.FromSeconds(60));

        var remaining = await blob.BreakLeaseAsync(TimeSpan.FromSeconds(30));

        Assert.InRange(remaining, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => blob.AcquireLeaseAsync(Fifteen));
        Assert.Equal(409, ex.Status);
    }

    [Fact]
    public async Task AcquireLease_MissingBlob_Throws404()
    {
        var container = await BlobTestContext.NewContainerAsync(fixture);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlob("nobody").AcquireLeaseAsync(Fifteen));

        Assert.Equal(404, ex.Status);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    [InlineData(0)]
    public async Task AcquireLease_DurationOutOfRange_ThrowsArgumentOutOfRange(int seconds)
    {
        var blob = BlobTestContext.Container(fixture).GetBlob("b");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => blob.AcquireLeaseAsync(TimeSpan.FromSeconds(seconds)));
    }

    private async Task<StorageBlobClient> NewBlobAsync()
    {
        var container = await BlobTestContext.NewContainerAsync(fixture);
        var blob = container.GetBlob("locks/singleton");
        await blob.PutAsync(BinaryData.FromString("lock"));
        return blob;
    }
}
