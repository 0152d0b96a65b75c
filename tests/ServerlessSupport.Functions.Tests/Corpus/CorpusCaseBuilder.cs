using System.Text.Json.Nodes;

namespace ServerlessSupport.Functions.Tests.Corpus;

/// <summary>Builds small <see cref="CorpusCase"/>s for the builder's own tests.</summary>
internal sealed class CorpusCaseBuilder
{
    private readonly Dictionary<string, string> _fields = [];
    private readonly Dictionary<string, string> _encodings = [];
    private readonly List<CorpusFilePart> _files = [];
    private string _format = CorpusFormats.SendGrid;
    private JsonObject? _json;
    private string? _rawBase64;
    private string? _contentType;
    private long? _oversize;
    private string _auth = "key";

    public CorpusCaseBuilder WithField(string name, string value, string? encoding = null)
    {
        _fields[name] = value;
        if (encoding is not null)
        {
            _encodings[name] = encoding;
        }

        return this;
    }

    public CorpusCaseBuilder WithFile(string field, string fileName, string contentType, string? text = null, string? base64 = null)
    {
        _files.Add(new CorpusFilePart { Field = field, FileName = fileName, ContentType = contentType, Text = text, Base64 = base64 });
        return this;
    }

    public CorpusCaseBuilder AsJson(JsonObject json)
    {
        _format = CorpusFormats.Json;
        _json = json;
        return this;
    }

    public CorpusCaseBuilder WithRawBase64(string base64, string contentType)
    {
        _rawBase64 = base64;
        _contentType = contentType;
        return this;
    }

    public CorpusCaseBuilder WithOversize(long bytes)
    {
        _oversize = bytes;
        return this;
    }

    public CorpusCaseBuilder WithAuth(string auth)
    {
        _auth = auth;
        return this;
    }

    public CorpusCase Build() => new()
    {
        Name = "99-test",
        Description = "built in a test",
        Format = _format,
        Fields = _fields.Count == 0 ? null : _fields,
        FieldEncodings = _encodings.Count == 0 ? null : _encodings,
        Files = _files.Count == 0 ? null : _files,
        Json = _json,
        RawBodyBase64 = _rawBase64,
        ContentType = _contentType,
        OversizeBytes = _oversize,
        Auth = _auth,
        Expect = new CorpusExpectation { Outcome = CorpusFormats.NewTicket },
    };
}
