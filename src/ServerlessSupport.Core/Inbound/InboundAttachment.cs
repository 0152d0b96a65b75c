namespace ServerlessSupport.Core.Inbound;

/// <summary>An attachment's metadata; its bytes travel beside it in <see cref="InboundParseResult.AttachmentContents"/>.</summary>
/// <param name="FieldName">The form field it came in (<c>attachment1</c>…), or a generated one for JSON.</param>
/// <param name="FileName">A safe file name: no path, no control characters.</param>
/// <param name="ContentType">The media type, <c>application/octet-stream</c> when unknown.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="ContentId">The Content-ID (without brackets) that inline images are referenced by, if any.</param>
internal sealed record InboundAttachment(string FieldName, string FileName, string ContentType, long Length, string? ContentId);
