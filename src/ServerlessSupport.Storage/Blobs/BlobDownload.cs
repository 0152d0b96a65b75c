using Azure;

namespace ServerlessSupport.Storage.Blobs;

/// <summary>A whole blob read by Get Blob. Metadata names compare case-insensitively, as the service treats them.</summary>
public sealed record BlobDownload(BinaryData Content, string? ContentType, ETag ETag, IReadOnlyDictionary<string, string> Metadata);
