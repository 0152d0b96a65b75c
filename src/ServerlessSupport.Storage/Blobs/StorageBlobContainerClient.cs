using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessSupport.Storage.Http;

namespace ServerlessSupport.Storage.Blobs;

/// <summary>One blob container over the Blob service REST API.</summary>
public sealed class StorageBlobContainerClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public StorageBlobContainerClient(HttpPipeline pipeline, Uri blobServiceEndpoint, string containerName)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(blobServiceEndpoint);
        if (!blobServiceEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The blob service endpoint must be an absolute URI.", nameof(blobServiceEndpoint));
        }

        _pipeline = pipeline;
        _endpoint = blobServiceEndpoint.AbsoluteUri.EndsWith('/') ? blobServiceEndpoint : new Uri(blobServiceEndpoint.AbsoluteUri + "/");
        Name = BlobNames.ValidateContainer(containerName, nameof(containerName));
    }

    public string Name { get; }

    /// <summary>Creates the container (private access); false when it already exists.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var request = _pipeline.CreateRequest();
        request.Method = RequestMethod.Put;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath(Name, escape: true);
        request.Uri.AppendQuery("restype", "container");
        using var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        if (response.Status == 201)
        {
            return true;
        }

        var error = StorageErrors.ToException(response, "Create Container");
        return error.ErrorCode == "ContainerAlreadyExists" ? false : throw error;
    }

    /// <summary>A client for one blob; '/' in the name makes virtual directories.</summary>
    public StorageBlobClient GetBlob(string blobName) => new(_pipeline, _endpoint, Name, blobName);
}
