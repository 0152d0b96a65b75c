namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>The request(s) a case makes: which webhook, the exact bytes and Content-Type, with or without the key.</summary>
internal sealed record CorpusPayload(string Kind, byte[] Body, string ContentType, bool Authenticate, int Repeat)
{
    /// <summary>A fresh content object per POST (HttpContent cannot be sent twice).</summary>
    public HttpContent CreateContent()
    {
        var content = new ByteArrayContent(Body);
        // Set without validation: malformed Content-Types are part of the corpus.
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return content;
    }
}
