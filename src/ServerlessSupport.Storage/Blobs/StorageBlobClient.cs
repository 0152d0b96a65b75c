using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Http;

namespace ServerlessSupport.Storage.Blobs;

/// <summary>
/// One block blob, written and read whole, with blob leases for single-writer sections.
/// Failures surface as <see cref="RequestFailedException"/> with the service's status and error code.
/// </summary>
public sealed class StorageBlobClient
{
    private static readonly TimeSpan MinLease = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxLease = TimeSpan.FromSeconds(60);

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal StorageBlobClient(HttpPipeline pipeline, Uri blobServiceEndpoint, string containerName, string blobName)
    {
        _pipeline = pipeline;
        _endpoint = blobServiceEndpoint;
        ContainerName = containerName;
        Name = BlobNames.ValidateBlob(blobName, nameof(blobName));
    }

    public string Name { get; }

    public string ContainerName { get; }

    /// <summary>Writes the whole blob (Put Blob, block blob) and returns its new ETag.</summary>
    /// <param name="overwrite">False sends <c>If-None-Match: *</c>: an existing blob fails with 409 BlobAlreadyExists.</param>
    /// <param name="leaseId">Required while the blob is leased; last, after the token, so calls written without it still bind.</param>
    public async Task<ETag> PutAsync(
        BinaryData content,
        string? contentType = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        bool overwrite = true,
        CancellationToken cancellationToken = default,
        string? leaseId = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (metadata is not null)
        {
            BlobMetadata.Validate(metadata, nameof(metadata));
        }

        using var request = CreateRequest(RequestMethod.Put);
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        // Stated even when it is the service default, so the signed and the sent Content-Type always agree.
        request.Headers.SetValue("Content-Type", string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType);
        if (!overwrite)
        {
            request.Headers.SetValue("If-None-Match", "*");
        }

        if (leaseId is not null)
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Headers.SetValue(BlobMetadata.HeaderPrefix + name, value);
        }

        request.Content = RequestContent.Create(content);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Put Blob");
        return response.ETagHeader() ?? throw new InvalidOperationException("Put Blob returned no ETag.");
    }

    /// <summary>Reads the whole blob; a missing blob fails with 404 BlobNotFound (ContainerNotFound if the container is missing).</summary>
    public async Task<BlobDownload> DownloadAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Get);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Get Blob");
        return new BlobDownload(
            response.Content,
            response.Header("Content-Type"),
            response.ETagHeader() ?? default,
            BlobMetadata.Read(response));
    }

    /// <summary>Deletes the blob; false when it (or its container) does not exist.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Delete);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            return false;
        }

        StorageErrors.ThrowIfFailed(response, "Delete Blob");
        return true;
    }

    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(RequestMethod.Head);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        if (response.Status == 404)
        {
            return false;
        }

        StorageErrors.ThrowIfFailed(response, "Get Blob Properties");
        return true;
    }

    /// <summary>Acquires a lease for 15..60 s or <see cref="Timeout.InfiniteTimeSpan"/> and returns its id.</summary>
    /// <remarks>Missing blob: 404. Leased by someone else: 409 LeaseAlreadyPresent.</remarks>
    public async Task<string> AcquireLeaseAsync(TimeSpan duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default)
    {
        string seconds;
        if (duration == Timeout.InfiniteTimeSpan)
        {
            seconds = "-1";
        }
        else if (duration >= MinLease && duration <= MaxLease)
        {
            seconds = ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts 15 to 60 seconds, or Timeout.InfiniteTimeSpan.");
        }

        using var request = CreateLeaseRequest("acquire");
        request.Headers.SetValue("x-ms-lease-duration", seconds);
        if (proposedLeaseId is not null)
        {
            request.Headers.SetValue("x-ms-proposed-lease-id", proposedLeaseId);
        }

        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Acquire Lease");
        return response.Header("x-ms-lease-id") ?? throw new InvalidOperationException("Acquire Lease returned no x-ms-lease-id.");
    }

    public async Task RenewLeaseAsync(string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseId);
        using var request = CreateLeaseRequest("renew");
        request.Headers.SetValue("x-ms-lease-id", leaseId);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Renew Lease");
    }

    public async Task ReleaseLeaseAsync(string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseId);
        using var request = CreateLeaseRequest("release");
        request.Headers.SetValue("x-ms-lease-id", leaseId);
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Release Lease");
    }

    /// <summary>Breaks the current lease whoever holds it; returns how long until it is broken (0 = now).</summary>
    /// <param name="breakPeriod">0..60 s; null lets a timed lease run out and breaks an infinite one at once.</param>
    public async Task<TimeSpan> BreakLeaseAsync(TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        using var request = CreateLeaseRequest("break");
        if (breakPeriod is { } period)
        {
            if (period < TimeSpan.Zero || period > MaxLease)
            {
                throw new ArgumentOutOfRangeException(nameof(breakPeriod), period, "A lease break period is 0 to 60 seconds.");
            }

            request.Headers.SetValue("x-ms-lease-break-period", ((int)Math.Ceiling(period.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        }

        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        StorageErrors.ThrowIfFailed(response, "Break Lease");
        var time = response.Header("x-ms-lease-time");
        return time is null ? TimeSpan.Zero : TimeSpan.FromSeconds(int.Parse(time, NumberStyles.Integer, CultureInfo.InvariantCulture));
    }

    private Request CreateRequest(RequestMethod method)
    {
        var request = _pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath(ContainerName, escape: true);
        foreach (var segment in Name.Split('/'))
        {
            request.Uri.AppendPath("/", escape: false);
            request.Uri.AppendPath(segment, escape: true);
        }

        return request;
    }

    private Request CreateLeaseRequest(string action)
    {
        var request = CreateRequest(RequestMethod.Put);
        request.Uri.AppendQuery("comp", "lease");
        request.Headers.SetValue("x-ms-lease-action", action);
        return request;
    }
}
