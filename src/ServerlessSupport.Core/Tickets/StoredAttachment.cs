namespace ServerlessSupport.Core.Tickets;

/// <summary>An attachment kept in blob storage; the message row holds only this description.</summary>
internal sealed record StoredAttachment(string FileName, string ContentType, long Length, string BlobName, string? ContentId);
