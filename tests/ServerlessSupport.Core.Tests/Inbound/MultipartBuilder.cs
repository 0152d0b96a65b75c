using System.Text;

namespace ServerlessSupport.Core.Tests.Inbound;

/// <summary>Builds multipart/form-data bodies the way SendGrid posts them.</summary>
internal sealed class MultipartBuilder
{
    private readonly List<byte> _body = [];
    private readonly string _boundary;
    private string _newline = "\r\n";
    private bool _closed;

    public MultipartBuilder(string boundary = "xYzZY") => _boundary = boundary;

    public string ContentType => $"multipart/form-data; boundary={_boundary}";

    public MultipartBuilder WithLfOnly()
    {
        _newline = "\n";
        return this;
    }

    public MultipartBuilder Field(string name, string value) => Field(name, Encoding.UTF8.GetBytes(value));

    public MultipartBuilder Field(string name, byte[] value, string? contentType = null)
    {
        var head = $"--{_boundary}{_newline}Content-Disposition: form-data; name=\"{name}\"{_newline}";
        if (contentType is not null)
        {
            head += $"Content-Type: {contentType}{_newline}";
        }

        Append(head + _newline);
        _body.AddRange(value);
        Append(_newline);
        return this;
    }

    public MultipartBuilder File(string name, string fileName, string contentType, byte[] content)
    {
        Append($"--{_boundary}{_newline}Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"{_newline}Content-Type: {contentType}{_newline}{_newline}");
        _body.AddRange(content);
        Append(_newline);
        return this;
    }

    public MultipartBuilder Raw(string text)
    {
        Append(text);
        return this;
    }

    public MultipartBuilder Close()
    {
        Append($"--{_boundary}--{_newline}");
        _closed = true;
        return this;
    }

    public ReadOnlyMemory<byte> Build(bool close = true)
    {
        if (close && !_closed)
        {
            Close();
        }

        return _body.ToArray();
    }

    private void Append(string text) => _body.AddRange(Encoding.UTF8.GetBytes(text));
}
