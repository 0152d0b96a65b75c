using System.Text;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>
/// Turns a case into the bytes SendGrid (or a JSON client) would post: each field a form-data part without a
/// Content-Type, in the case's order, its text written in the charset <c>fieldEncodings</c> names; each file a part with
/// filename and Content-Type; CRLF line breaks; SendGrid's boundary.
/// </summary>
internal static class CorpusPayloadBuilder
{
    /// <summary>The boundary SendGrid's parser uses.</summary>
    public const string Boundary = "xYzZY";

    public const string MultipartContentType = "multipart/form-data; boundary=" + Boundary;

    private const string Crlf = "\r\n";

    static CorpusPayloadBuilder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <param name="resolve">Resolves the placeholders in one text (see <see cref="CorpusPlaceholders"/>).</param>
    public static CorpusPayload Build(CorpusCase corpusCase, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(corpusCase);
        ArgumentNullException.ThrowIfNull(resolve);
        var json = corpusCase.Format == CorpusFormats.Json;
        var raw = corpusCase.Format == CorpusFormats.SendGridRaw;
        var defaultType = json ? "application/json" : MultipartContentType;
        var contentType = corpusCase.ContentType ?? defaultType;
        var authenticate = corpusCase.Auth != "none";
        byte[] body;

        if (corpusCase.OversizeBytes is { } size)
        {
            body = json ? OversizeJson(size) : OversizeMultipart(size, raw ? "email" : "text");
            contentType = corpusCase.ContentType ?? defaultType;
        }
        else if (corpusCase.RawBodyBase64 is not null)
        {
            body = Convert.FromBase64String(corpusCase.RawBodyBase64);
        }
        else if (corpusCase.RawBody is not null)
        {
            body = Encoding.UTF8.GetBytes(resolve(corpusCase.RawBody));
        }
        else if (json)
        {
            var resolved = CorpusPlaceholders.ResolveJson(corpusCase.Json ?? throw Invalid(corpusCase, "a json case needs \"json\""), resolve);
            body = Encoding.UTF8.GetBytes(resolved!.ToJsonString());
        }
        else
        {
            body = Multipart(corpusCase, resolve, raw ? Email(corpusCase, resolve) : null);
        }

        return new CorpusPayload(CorpusFormats.Route(corpusCase.Format), body, contentType, authenticate, corpusCase.Repeat);
    }

    /// <summary>A raw-mode case's message bytes: from <c>email</c> (in <c>emailEncoding</c>), <c>emailBase64</c> or <c>emailFile</c>.</summary>
    public static byte[] Email(CorpusCase corpusCase, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(corpusCase);
        ArgumentNullException.ThrowIfNull(resolve);
        if (corpusCase.EmailBase64 is not null)
        {
            return Convert.FromBase64String(corpusCase.EmailBase64);
        }

        if (corpusCase.EmailFile is not null)
        {
            // Latin-1 maps every byte to one char and back, so only the (ASCII) placeholders change.
            return Encoding.Latin1.GetBytes(resolve(Encoding.Latin1.GetString(File.ReadAllBytes(CorpusLoader.MailFile(corpusCase.EmailFile)))));
        }

        var text = corpusCase.Email ?? throw Invalid(corpusCase, "a sendgrid-raw case needs email, emailBase64 or emailFile");
        return Charset(corpusCase, corpusCase.EmailEncoding).GetBytes(resolve(text));
    }

    /// <summary>The encoding a case writes a field in: its <c>fieldEncodings</c> entry, else UTF-8.</summary>
    public static Encoding FieldEncoding(CorpusCase corpusCase, string field)
    {
        ArgumentNullException.ThrowIfNull(corpusCase);
        return Charset(corpusCase, corpusCase.FieldEncodings?.GetValueOrDefault(field));
    }

    private static Encoding Charset(CorpusCase corpusCase, string? name)
    {
        if (name is null)
        {
            return new UTF8Encoding(false);
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException ex)
        {
            throw Invalid(corpusCase, $"unknown encoding '{name}'", ex);
        }
    }

    private static byte[] Multipart(CorpusCase corpusCase, Func<string, string> resolve, byte[]? email)
    {
        using var stream = new MemoryStream();
        if (email is not null)
        {
            Write(stream, $"--{Boundary}{Crlf}Content-Disposition: form-data; name=\"email\"{Crlf}{Crlf}");
            stream.Write(email);
            Write(stream, Crlf);
        }

        foreach (var (name, value) in corpusCase.Fields ?? [])
        {
            Write(stream, $"--{Boundary}{Crlf}Content-Disposition: form-data; name=\"{name}\"{Crlf}{Crlf}");
            stream.Write(FieldEncoding(corpusCase, name).GetBytes(resolve(value)));
            Write(stream, Crlf);
        }

        foreach (var file in corpusCase.Files ?? [])
        {
            var content = file.Base64 is not null
                ? Convert.FromBase64String(file.Base64)
                : Encoding.UTF8.GetBytes(resolve(file.Text ?? throw Invalid(corpusCase, $"file {file.Field} needs text or base64")));
            Write(stream, $"--{Boundary}{Crlf}Content-Disposition: form-data; name=\"{file.Field}\"; filename=\"{file.FileName}\"{Crlf}Content-Type: {file.ContentType}{Crlf}{Crlf}");
            stream.Write(content);
            Write(stream, Crlf);
        }

        Write(stream, $"--{Boundary}--{Crlf}");
        return stream.ToArray();
    }

    // A well-formed form whose text field fills the body to exactly the requested size.
    private static byte[] OversizeMultipart(long size, string bigField)
    {
        var head = Encoding.ASCII.GetBytes($"--{Boundary}{Crlf}Content-Disposition: form-data; name=\"from\"{Crlf}{Crlf}big@example.com{Crlf}--{Boundary}{Crlf}Content-Disposition: form-data; name=\"{bigField}\"{Crlf}{Crlf}");
        var tail = Encoding.ASCII.GetBytes($"{Crlf}--{Boundary}--{Crlf}");
        return Fill(size, head, tail);
    }

    private static byte[] OversizeJson(long size) =>
        Fill(size, Encoding.ASCII.GetBytes("{\"from\":\"big@example.com\",\"text\":\""), Encoding.ASCII.GetBytes("\"}"));

    private static byte[] Fill(long size, byte[] head, byte[] tail)
    {
        if (size < head.Length + tail.Length || size > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Cannot build a body of that size.");
        }

        var body = new byte[size];
        head.CopyTo(body, 0);
        body.AsSpan(head.Length, (int)size - head.Length - tail.Length).Fill((byte)'a');
        tail.CopyTo(body, size - tail.Length);
        return body;
    }

    private static void Write(MemoryStream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    private static InvalidDataException Invalid(CorpusCase corpusCase, string problem, Exception? inner = null) =>
        new($"Corpus case {corpusCase.Name}: {problem}.", inner);
}
