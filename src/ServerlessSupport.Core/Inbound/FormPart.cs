namespace ServerlessSupport.Core.Inbound;

/// <summary>One part of a multipart/form-data body.</summary>
/// <param name="Name">The form field name from Content-Disposition.</param>
/// <param name="FileName">The file name (filename* preferred over filename), or null for a plain field.</param>
/// <param name="ContentType">The part's media type, lower case, or null.</param>
/// <param name="Charset">The part's charset parameter, or null.</param>
/// <param name="Content">The raw bytes, a slice of the request body.</param>
internal sealed record FormPart(string Name, string? FileName, string? ContentType, string? Charset, ReadOnlyMemory<byte> Content);
